namespace HealthDw.StateMachine.Time;

/// <summary>
/// Time for tests: delays complete at once and move the calling flow's time forward. Each flow that
/// the interpreter starts (an execution, a Parallel branch, a Map iteration) has its own timeline that
/// begins where its parent stood, so two branches waiting 5 s and 10 s end at +10 s, not +15 s, and the
/// parent catches up with the latest branch when they join. <see cref="Now"/> outside any flow is the
/// latest time any flow has reached.
/// <para>
/// A timer (<see cref="WhenReachedAsync"/>) fires when its flow's time reaches the deadline. A delay
/// that would run past a pending timer of the same flow stops at the deadline and throws
/// <see cref="OperationCanceledException"/>: the guarded work was cut short there, as a real timeout
/// would cut it.
/// </para>
/// </summary>
public sealed class VirtualClock : IStateMachineClock
{
    private readonly Lock _gate = new();
    private readonly AsyncLocal<Timeline?> _current = new();
    private readonly Timeline _outside;
    private DateTimeOffset _latest;

    public VirtualClock(DateTimeOffset start)
    {
        Start = start;
        _latest = start;
        _outside = new Timeline(start);
    }

    /// <summary>A clock starting at 2024-01-01T00:00:00Z.</summary>
    public VirtualClock()
        : this(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public DateTimeOffset Start { get; }

    /// <summary>The latest time any flow has reached.</summary>
    public DateTimeOffset Latest
    {
        get
        {
            lock (_gate)
                return _latest;
        }
    }

    public DateTimeOffset Now
    {
        get
        {
            var timeline = _current.Value;
            lock (_gate)
                return timeline?.Now ?? _latest;
        }
    }

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled(cancellationToken);
        var timeline = _current.Value ?? _outside;
        Timer? interrupting;
        lock (_gate)
        {
            if (ReferenceEquals(timeline, _outside))
                timeline.Now = _latest;
            var target = timeline.Now + (delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
            interrupting = timeline.Timers.Where(t => t.Deadline <= target).MinBy(t => t.Deadline);
            timeline.Now = interrupting?.Deadline ?? target;
            if (timeline.Now > _latest)
                _latest = timeline.Now;
            if (interrupting is not null)
                timeline.Timers.Remove(interrupting);
        }
        if (interrupting is null)
            return Task.CompletedTask;
        interrupting.Completion.TrySetResult();
        return Task.FromException(new OperationCanceledException($"the wait was cut short by a deadline at {interrupting.Deadline:O}"));
    }

    public Task WhenReachedAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled(cancellationToken);
        var timeline = _current.Value ?? _outside;
        var timer = new Timer(deadline);
        lock (_gate)
        {
            var now = ReferenceEquals(timeline, _outside) ? _latest : timeline.Now;
            if (now >= deadline)
                return Task.CompletedTask;
            timeline.Timers.Add(timer);
        }
        cancellationToken.Register(() =>
        {
            lock (_gate)
                timeline.Timers.Remove(timer);
            timer.Completion.TrySetCanceled(cancellationToken);
        });
        return timer.Completion.Task;
    }

    public IDisposable BeginTimeline(DateTimeOffset start)
    {
        var previous = _current.Value;
        _current.Value = new Timeline(start);
        lock (_gate)
        {
            if (start > _latest)
                _latest = start;
        }
        return new Restore(this, previous);
    }

    private sealed class Timeline(DateTimeOffset start)
    {
        public DateTimeOffset Now { get; set; } = start;

        public List<Timer> Timers { get; } = [];
    }

    private sealed class Timer(DateTimeOffset deadline)
    {
        public DateTimeOffset Deadline { get; } = deadline;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Restore(VirtualClock clock, Timeline? previous) : IDisposable
    {
        public void Dispose() => clock._current.Value = previous;
    }
}
