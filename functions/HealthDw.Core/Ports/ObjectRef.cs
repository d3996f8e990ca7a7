namespace HealthDw.Core.Ports;

/// <summary>One version of one object in the bucket: what the ledger keys on.</summary>
public sealed record ObjectRef(string Bucket, string Key, long Size, string ETag, string? VersionId)
{
    /// <summary>The version id where the bucket is versioned, else the ETag: a changed file gets a new token.</summary>
    public string VersionToken => string.IsNullOrEmpty(VersionId) ? ETag : VersionId;
}
