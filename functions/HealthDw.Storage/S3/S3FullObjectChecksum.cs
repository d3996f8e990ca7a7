using Amazon.S3;

namespace HealthDw.Storage.S3;

/// <summary>
/// A checksum S3 holds of a whole object's content (S3 User Guide, "Checking object integrity in Amazon S3"), read
/// with HeadObject and <c>ChecksumMode = ENABLED</c>. Only a full-object checksum says anything about the bytes of
/// another object: a composite one (a multipart upload's "checksum of the part checksums", "-N" at its end) depends
/// on the part sizes, and an ETag under SSE-KMS is no digest of the content at all.
/// </summary>
internal sealed record S3FullObjectChecksum(ChecksumAlgorithm Algorithm, string Value)
{
    /// <summary>The algorithms whose checksum S3 can give a multipart copy as a full-object checksum
    /// (CRC64NVME always is one; SHA-1 and SHA-256 of a multipart object are composite only).</summary>
    public static bool FullObjectForMultipart(ChecksumAlgorithm algorithm) =>
        algorithm == ChecksumAlgorithm.CRC64NVME || algorithm == ChecksumAlgorithm.CRC32 || algorithm == ChecksumAlgorithm.CRC32C;

    /// <summary>The object's full-object checksum from a HEAD with checksums enabled, or null when it has none.</summary>
    public static S3FullObjectChecksum? From(string? checksumType, string? crc64Nvme, string? crc32, string? crc32C, string? sha256, string? sha1)
    {
        if (!string.IsNullOrEmpty(crc64Nvme)) return new(ChecksumAlgorithm.CRC64NVME, crc64Nvme); // always full-object
        if (!string.Equals(checksumType, "FULL_OBJECT", StringComparison.Ordinal)) return null;
        if (!string.IsNullOrEmpty(crc32)) return new(ChecksumAlgorithm.CRC32, crc32);
        if (!string.IsNullOrEmpty(crc32C)) return new(ChecksumAlgorithm.CRC32C, crc32C);
        if (!string.IsNullOrEmpty(sha256)) return new(ChecksumAlgorithm.SHA256, sha256);
        if (!string.IsNullOrEmpty(sha1)) return new(ChecksumAlgorithm.SHA1, sha1);
        return null;
    }

    /// <summary>The value of <paramref name="algorithm"/> among a response's checksums.</summary>
    public static string? Pick(ChecksumAlgorithm algorithm, string? crc64Nvme, string? crc32, string? crc32C, string? sha256, string? sha1) =>
        algorithm == ChecksumAlgorithm.CRC64NVME ? crc64Nvme
        : algorithm == ChecksumAlgorithm.CRC32 ? crc32
        : algorithm == ChecksumAlgorithm.CRC32C ? crc32C
        : algorithm == ChecksumAlgorithm.SHA256 ? sha256
        : algorithm == ChecksumAlgorithm.SHA1 ? sha1
        : null;
}
