namespace HealthDw.Core.Ports;

/// <summary>A file version the warehouse has loaded, exactly once.</summary>
public sealed record LedgerEntry(
    Guid LoadId, string Bucket, string Key, string VersionToken, string Table, string DropId, int? Part,
    long Rows, long Bytes, DateTimeOffset StartedAt, DateTimeOffset LoadedAt);
