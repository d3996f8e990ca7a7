namespace HealthDw.StateMachine.Randomness;

/// <summary>A repeatable sequence of random numbers from a seed; safe to share between concurrent branches.</summary>
public sealed class SeededRandomSource(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public double NextDouble()
    {
        lock (_gate)
            return _random.NextDouble();
    }
}
