using System.Buffers;
using System.Buffers.Binary;

namespace HealthDw.Storage.S3;

/// <summary>
/// CRC-64/NVME, the checksum S3 adds by default to objects uploaded without one (S3 User Guide, "Checking object
/// integrity in Amazon S3"): reflected, polynomial 0xAD93D23594C93659, initial value and final XOR all ones; check
/// value 0xAE8B14860A799888 for "123456789". Computed here only for a source that S3 holds no full-object checksum
/// of (the AWS SDK for .NET computes it only with the CRT package, which this project does not ship).
/// Slicing-by-8 tables: a few hundred MB/s, faster than the GET that feeds it.
/// </summary>
public sealed class Crc64Nvme
{
    private const ulong ReflectedPolynomial = 0x9A6C9329AC4BC9B5;

    private static readonly ulong[][] Tables = BuildTables();

    private ulong _state = ulong.MaxValue;

    public void Append(ReadOnlySpan<byte> data)
    {
        var crc = _state;
        var t = Tables;
        while (data.Length >= 8)
        {
            var word = crc ^ BinaryPrimitives.ReadUInt64LittleEndian(data);
            crc = t[7][(byte)word] ^ t[6][(byte)(word >> 8)] ^ t[5][(byte)(word >> 16)] ^ t[4][(byte)(word >> 24)]
                ^ t[3][(byte)(word >> 32)] ^ t[2][(byte)(word >> 40)] ^ t[1][(byte)(word >> 48)] ^ t[0][(byte)(word >> 56)];
            data = data[8..];
        }

        foreach (var b in data)
            crc = t[0][(byte)(crc ^ b)] ^ (crc >> 8);
        _state = crc;
    }

    public ulong Value => _state ^ ulong.MaxValue;

    /// <summary>The value as S3 sends it in x-amz-checksum-crc64nvme: Base64 of the 8 bytes, big-endian.</summary>
    public string ToBase64()
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, Value);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>The checksum of everything left in the stream, as S3 sends it.</summary>
    public static async Task<string> OfAsync(Stream content, CancellationToken ct)
    {
        var crc = new Crc64Nvme();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, buffer.Length), ct)) > 0)
                crc.Append(buffer.AsSpan(0, read));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return crc.ToBase64();
    }

    private static ulong[][] BuildTables()
    {
        var tables = new ulong[8][];
        tables[0] = new ulong[256];
        for (var i = 0; i < 256; i++)
        {
            var c = (ulong)i;
            for (var bit = 0; bit < 8; bit++)
                c = (c & 1) != 0 ? (c >> 1) ^ ReflectedPolynomial : c >> 1;
            tables[0][i] = c;
        }

        for (var k = 1; k < 8; k++)
        {
            tables[k] = new ulong[256];
            for (var i = 0; i < 256; i++)
                tables[k][i] = tables[0][(byte)tables[k - 1][i]] ^ (tables[k - 1][i] >> 8);
        }

        return tables;
    }
}
