using System.Collections.Immutable;

namespace HealthDw.Generator.Model;

/// <summary>
/// SplitMix64: small, fast and identical on every platform. Every entity gets its own stream,
/// seeded from (seed, table tag, entity index), so any row can be recomputed on its own.
/// </summary>
internal struct Prng
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    public Prng(ulong state) => _state = state;

    public static Prng For(int seed, ulong tag, long index) =>
        new(Mix(Mix(((ulong)(uint)seed * Gamma) ^ tag) + (ulong)index));

    /// <summary>FNV-1a of a name: a stable stream tag per table.</summary>
    public static ulong Tag(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in name)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }

    public ulong Next()
    {
        _state += Gamma;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, n); n must be positive.</summary>
    public long Below(long n) => (long)Math.BigMul(Next(), (ulong)n, out _);

    /// <summary>Uniform in [0, n); n must be positive.</summary>
    public int Below(int n) => (int)Math.BigMul(Next(), (ulong)n, out _);

    /// <summary>Uniform in [min, max].</summary>
    public long Between(long min, long max) => min + Below(max - min + 1);

    public double NextDouble() => (Next() >> 11) * (1.0 / 9007199254740992.0);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(ImmutableArray<T> items) => items[Below(items.Length)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
