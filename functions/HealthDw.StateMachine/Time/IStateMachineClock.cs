namespace HealthDw.StateMachine.Time;

/// <summary>
/// The interpreter's only source of time: state timestamps, Wait states, retry delays and timeouts all
/// go through it. <see cref="SystemClock"/> is real time; <see cref="VirtualClock"/> lets tests run
/// hours of waits instantly and exactly.
/// </summary>
public interface IStateMachineClock
{
    /// <summary>The current time, as seen from the calling flow.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Sleeps: the calling flow resumes <paramref name="delay"/> later.</summary>
    Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>
    /// A timer: completes once the calling flow's time reaches <paramref name="deadline"/>, without
    /// moving time itself. Used for TimeoutSeconds; cancel it when the guarded work ends first.
    /// </summary>
    Task WhenReachedAsync(DateTimeOffset deadline, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the calling async flow (an execution, a Parallel branch, a Map iteration) its own timeline
    /// starting at <paramref name="start"/>, so that concurrent branches do not add up their waits.
    /// A real clock ignores this. Dispose to return to the previous timeline.
    /// </summary>
    IDisposable BeginTimeline(DateTimeOffset start);
}
