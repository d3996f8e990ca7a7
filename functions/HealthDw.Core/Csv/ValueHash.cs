namespace HealthDw.Core.Csv;

/// <summary>FNV-1a, 64 bits: a cell's fingerprint, so that uniqueness and distinct counts hold no cell value (contract
/// inference's key candidates, the file profile's distinct count).</summary>
internal static class ValueHash
{
    public static ulong Of(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes) hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }
}
