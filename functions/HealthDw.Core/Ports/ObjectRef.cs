namespace HealthDw.Core.Ports;

/// <summary>One version of one object in the bucket: what the ledger keys on.</summary>
/// <param name="OriginVersion">The token of the version this content was first seen under, where a store's copies get
/// versions of their own (S3: a copy is a new VersionId, and under SSE-KMS a new ETag). The S3 adapter records it on every
/// copy it makes (a move: Archive File, replay) and reads it back, so a file copied back into <c>raw_files/</c> keeps the
/// identity it was loaded or refused under. Null for content never moved (a vendor's upload), and always in the folder
/// bucket, whose ETag is the content's hash and so survives a copy by itself.</param>
public sealed record ObjectRef(string Bucket, string Key, long Size, string ETag, string? VersionId, string? OriginVersion = null)
{
    /// <summary>The identity the ledger and the audit trail key on: the origin's token when the content came by a copy,
    /// else this version's own (<see cref="StoredToken"/>).</summary>
    public string VersionToken => OriginVersion ?? StoredToken;

    /// <summary>This stored version's own token: the version id where the bucket is versioned, else the ETag: a changed
    /// file gets a new token.</summary>
    public string StoredToken => string.IsNullOrEmpty(VersionId) ? ETag : VersionId;
}
