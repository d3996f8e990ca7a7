namespace HealthDw.Functions.Steps;

/// <summary>Route File's output. <c>Kind</c> is routed, ignored, control or unknown.</summary>
public sealed record RouteResult(string Kind, FileRef File, string Reason);
