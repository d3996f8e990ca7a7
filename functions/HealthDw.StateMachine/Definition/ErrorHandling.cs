using HealthDw.StateMachine.Paths;

namespace HealthDw.StateMachine.Definition;

/// <summary>How a Retrier waits between attempts: FULL draws a delay between 0 and the computed one.</summary>
internal enum JitterStrategy
{
    None,
    Full,
}

/// <summary>
/// A Retrier (spec, "Retrying after error"). Defaults: IntervalSeconds 1, MaxAttempts 3 (0 means never
/// retry), BackoffRate 2.0, no MaxDelaySeconds, JitterStrategy NONE.
/// </summary>
internal sealed record Retrier(
    IReadOnlyList<string> ErrorEquals,
    int IntervalSeconds,
    int MaxAttempts,
    double BackoffRate,
    int? MaxDelaySeconds,
    JitterStrategy Jitter);

/// <summary>
/// A Catcher (spec, "Fallback states"): the state to go to and where to put the Error Output
/// (ResultPath, default <c>$</c>; null discards it).
/// </summary>
internal sealed record Catcher(IReadOnlyList<string> ErrorEquals, string Next, JsonPath? ResultPath);

/// <summary>The Retry and Catch fields of a Task, Parallel or Map state.</summary>
internal sealed record ErrorHandlers(IReadOnlyList<Retrier> Retriers, IReadOnlyList<Catcher> Catchers)
{
    public static ErrorHandlers None { get; } = new([], []);
}
