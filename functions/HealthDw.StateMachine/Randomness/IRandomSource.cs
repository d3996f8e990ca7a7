namespace HealthDw.StateMachine.Randomness;

/// <summary>
/// Where the interpreter draws random numbers from: retry jitter (JitterStrategy FULL) and
/// States.MathRandom without a seed. Inject <see cref="SeededRandomSource"/> for repeatable runs.
/// </summary>
public interface IRandomSource
{
    /// <summary>A number in [0, 1).</summary>
    double NextDouble();
}
