namespace HealthDw.Core.Lineage;

/// <summary>One staging row a traced row was built from: its staging table and key, and where it came from: the file's key
/// as it was dropped, its version (the ledger's VersionId or ETag), its line (1 is the header), and where the file is now.</summary>
/// <param name="NowAt">The file's key in the bucket now (processed/..., error_files/..., or still raw_files/...); null when it is gone.</param>
public sealed record TracedLine(string StagingTable, RowKey Key, string LoadId, string FileKey, string? Version, long Line, string? NowAt);
