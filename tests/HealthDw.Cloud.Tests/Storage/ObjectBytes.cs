using HealthDw.Core.Ports;

namespace HealthDw.Cloud.Tests.Storage;

/// <summary>Object contents for the store tests: made from a seed, and read back whole through the port.</summary>
internal static class ObjectBytes
{
    /// <summary>Every byte value, including CR, LF and NUL, in an order fixed by the seed.</summary>
    public static byte[] Seeded(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static async Task<byte[]> ReadAllAsync(IObjectStore store, string key)
    {
        var version = await store.HeadAsync(key, CancellationToken.None) ?? throw new FileNotFoundException($"no object {key}", key);
        await using var stream = await store.OpenReadAsync(version, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Checks two byte arrays are equal without FluentAssertions' element-by-element report,
    /// which is slow for megabytes; a failure names the first differing byte.</summary>
    public static void ShouldBeByteForByte(this byte[] actual, byte[] expected)
    {
        actual.Length.Should().Be(expected.Length, "the object should keep its length");
        actual.AsSpan().CommonPrefixLength(expected).Should().Be(expected.Length, "every byte should match (the value is the first that differs)");
    }
}
