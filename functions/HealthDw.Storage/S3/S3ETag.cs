namespace HealthDw.Storage.S3;

/// <summary>ETags as S3 sends them (quoted) turned into what the ledger keeps (bare), and what they tell.</summary>
internal static class S3ETag
{
    public static string Bare(string? etag) => (etag ?? "").Trim('"');

    /// <summary>S3 reports "null" as the version of objects written while versioning was off or suspended:
    /// that is no version at all, so the ETag must stand for the version instead.</summary>
    public static string? VersionOrNull(string? versionId) =>
        string.IsNullOrEmpty(versionId) || versionId == "null" ? null : versionId;
}
