using HealthDw.Core.Ports;

namespace HealthDw.Core.Loading;

/// <summary>A routed file: the object version and where its rows belong.</summary>
public sealed record FileToLoad(ObjectRef Object, string Table, string DropId, int? Part);
