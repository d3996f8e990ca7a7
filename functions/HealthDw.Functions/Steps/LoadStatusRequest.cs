using HealthDw.Core.Loading;

namespace HealthDw.Functions.Steps;

/// <summary>Check Load's input: the file and the handle of its load still running in the warehouse.</summary>
public sealed record LoadStatusRequest(RoutedFile File, LoadHandle Handle);
