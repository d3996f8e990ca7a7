namespace HealthDw.Storage.S3;

/// <summary>
/// A server-side copy whose result does not match its source (size or full-object checksum). The source is kept:
/// a move deletes it only after the copy has been verified.
/// </summary>
public sealed class S3CopyMismatchException(string bucket, string fromKey, string toKey, string detail)
    : Exception($"copy of '{fromKey}' to '{toKey}' in bucket '{bucket}' does not match its source ({detail}); the source was kept")
{
    public string FromKey { get; } = fromKey;

    public string ToKey { get; } = toKey;
}
