namespace HealthDw.Core.Inference;

/// <summary>FNV-1a, 64 bits: a cell's fingerprint for the uniqueness count, so that no cell value is held.</summary>
internal static class ValueHash
{
    public static ulong Of(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes) hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }
}
