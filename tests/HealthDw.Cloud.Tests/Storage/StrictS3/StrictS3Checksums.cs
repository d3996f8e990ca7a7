using System.Buffers.Binary;
using System.Security.Cryptography;

namespace HealthDw.Cloud.Tests.Storage.StrictS3;

/// <summary>
/// The checksums S3 computes (S3 User Guide, "Checking object integrity in Amazon S3"), as the test server computes
/// them: the CRCs bit by bit, written out from their definitions, so they share no code with the adapter's table-driven
/// CRC64NVME. Values are Base64 of the big-endian digest, as in the x-amz-checksum-* headers.
/// </summary>
internal static class StrictS3Checksums
{
    public const string Crc64Nvme = "CRC64NVME";
    public const string Crc32 = "CRC32";
    public const string Crc32C = "CRC32C";
    public const string Sha1 = "SHA1";
    public const string Sha256 = "SHA256";

    public static readonly string[] Algorithms = [Crc64Nvme, Crc32, Crc32C, Sha1, Sha256];

    /// <summary>The header that carries an algorithm's value, e.g. x-amz-checksum-crc64nvme.</summary>
    public static string Header(string algorithm) => "x-amz-checksum-" + algorithm.ToLowerInvariant();

    /// <summary>The XML element that carries it, e.g. ChecksumCRC64NVME.</summary>
    public static string Element(string algorithm) => "Checksum" + algorithm;

    /// <summary>Whether S3 can combine parts into a full-object checksum of this algorithm (CRCs only).</summary>
    public static bool SupportsFullObjectMultipart(string algorithm) => algorithm is Crc64Nvme or Crc32 or Crc32C;

    public static string Compute(string algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        Crc64Nvme => Base64(ReflectedCrc64(data, 0x9A6C9329AC4BC9B5)),
        Crc32 => Base64(ReflectedCrc32(data, 0xEDB88320)),
        Crc32C => Base64(ReflectedCrc32(data, 0x82F63B78)),
        Sha1 => Convert.ToBase64String(SHA1.HashData(data)),
        Sha256 => Convert.ToBase64String(SHA256.HashData(data)),
        _ => throw new ArgumentException($"no checksum algorithm {algorithm}", nameof(algorithm)),
    };

    /// <summary>A composite checksum: the checksum of the parts' concatenated digests, then "-" and the part count.</summary>
    public static string Composite(string algorithm, IReadOnlyList<string> partChecksums)
    {
        var digests = partChecksums.SelectMany(Convert.FromBase64String).ToArray();
        return $"{Compute(algorithm, digests)}-{partChecksums.Count}";
    }

    private static ulong ReflectedCrc64(ReadOnlySpan<byte> data, ulong polynomial)
    {
        var crc = ulong.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ polynomial : crc >> 1;
        }

        return crc ^ ulong.MaxValue;
    }

    private static uint ReflectedCrc32(ReadOnlySpan<byte> data, uint polynomial)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ polynomial : crc >> 1;
        }

        return crc ^ uint.MaxValue;
    }

    private static string Base64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return Convert.ToBase64String(bytes);
    }

    private static string Base64(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return Convert.ToBase64String(bytes);
    }
}
