using HealthDw.Core.Configuration;

namespace HealthDw.Core.Ports;

/// <summary>What the warehouse needs to open a load: the file version, its table and drop.</summary>
public sealed record LoadRequest(ObjectRef File, TableContract Contract, string DropId, int? Part, Guid LoadId, DateTimeOffset StartedAt);
