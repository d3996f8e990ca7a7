namespace HealthDw.Storage.S3;

/// <summary>Tunables of <see cref="S3ObjectStore"/>. The defaults suit AWS; tests lower them to reach the rare paths.</summary>
public sealed record S3ObjectStoreOptions
{
    /// <summary>S3's limit for a single CopyObject request.</summary>
    public const long MaxSingleCopyBytes = 5L * 1024 * 1024 * 1024;

    /// <summary>Objects larger than this are moved with a multipart copy (UploadPartCopy) instead of one CopyObject.</summary>
    public long MultipartCopyThreshold { get; init; } = MaxSingleCopyBytes;

    /// <summary>The size of each part of a multipart copy (S3 wants 5 MiB to 5 GiB, the last part may be smaller).</summary>
    public long CopyPartSize { get; init; } = 512L * 1024 * 1024;

    /// <summary>How many parts of a multipart copy run at once.</summary>
    public int CopyParallelism { get; init; } = 4;

    /// <summary>MaxKeys of each ListObjectsV2 page.</summary>
    public int ListPageSize { get; init; } = 1000;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MultipartCopyThreshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MultipartCopyThreshold, MaxSingleCopyBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(CopyPartSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CopyPartSize, MaxSingleCopyBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(CopyParallelism);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ListPageSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ListPageSize, 1000);
    }
}
