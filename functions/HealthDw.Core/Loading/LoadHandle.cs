namespace HealthDw.Core.Loading;

/// <summary>A load still running in the warehouse (a long COPY): ids and a time only, small enough to
/// ride in a state machine's state between a Wait and the next check.</summary>
public sealed record LoadHandle(Guid LoadId, string StatementHandle, DateTimeOffset StartedAt, long? CheckedRows = null);
