namespace HealthDw.StateMachine.Time;

/// <summary>Real time: <see cref="TimeProvider.System"/> for the time and real delays.</summary>
public sealed class SystemClock : IStateMachineClock
{
    public DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);

    public Task WhenReachedAsync(DateTimeOffset deadline, CancellationToken cancellationToken) =>
        DelayAsync(deadline - Now, cancellationToken);

    public IDisposable BeginTimeline(DateTimeOffset start) => NoTimeline.Instance;

    private sealed class NoTimeline : IDisposable
    {
        public static readonly NoTimeline Instance = new();

        public void Dispose()
        {
        }
    }
}
