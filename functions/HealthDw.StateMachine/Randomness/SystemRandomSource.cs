namespace HealthDw.StateMachine.Randomness;

/// <summary>Random numbers from <see cref="Random.Shared"/>.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public double NextDouble() => Random.Shared.NextDouble();
}
