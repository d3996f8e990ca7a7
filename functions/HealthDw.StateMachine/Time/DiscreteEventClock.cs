namespace HealthDw.StateMachine.Time;

/// <summary>
/// Time for tests in which executions compete for something, such as a Lambda function's reserved
/// concurrency: one timeline that every flow shares, moved forward only when no flow can go on without
/// it (a discrete-event simulation). A flow that does real work (a handler, a database call) holds time
/// still, so that work takes no simulated time; once every flow is waiting in
/// <see cref="DelayAsync"/>, time jumps to the earliest wake-up or timer and releases it. What runs
/// "at the same time" therefore overlaps in simulated time exactly as it would in real time, which the
/// per-flow timelines of <see cref="VirtualClock"/> cannot show: there a flow that waits 3 hours may
/// run, in real time, before another flow's first minute.
/// <para>
/// A flow is what <see cref="BeginTimeline"/> starts (an execution, a Parallel branch, a Map iteration).
/// One that has flows of its own still running (a Parallel or Map state awaiting its branches, a Task
/// that started an execution) does not hold time: so a branch may start a little later than its siblings,
/// and a flow that goes on after starting an execution does so in simulated time that may move. A timer (<see cref="WhenReachedAsync"/>) fires when
/// time reaches its deadline and lets its flow go on before time moves again; the flow is expected to
/// cancel what it was waiting for (a Task's work, on its timeout). Calls from outside any flow never hold time.
/// </para>
/// </summary>
public sealed class DiscreteEventClock : IStateMachineClock
{
    private readonly Lock _gate = new();
    private readonly AsyncLocal<Participant?> _current = new();
    private readonly List<Participant> _participants = [];
    private readonly List<Waiter> _waiters = [];
    private readonly List<Timer> _timers = [];
    private DateTimeOffset _now;
    private long _sequence;
    private int _holds;

    public DiscreteEventClock(DateTimeOffset start)
    {
        Start = start;
        _now = start;
    }

    /// <summary>A clock starting at 2024-01-01T00:00:00Z.</summary>
    public DiscreteEventClock()
        : this(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset Now
    {
        get
        {
            lock (_gate)
                return _now;
        }
    }

    /// <summary>How many flows are running or waiting now.</summary>
    public int Flows
    {
        get
        {
            lock (_gate)
                return _participants.Count;
        }
    }

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled(cancellationToken);
        if (delay <= TimeSpan.Zero)
            return Task.CompletedTask;
        var participant = _current.Value;
        Waiter waiter;
        List<TaskCompletionSource> released;
        lock (_gate)
        {
            waiter = new Waiter(participant, _now + delay, _sequence++);
            _waiters.Add(waiter);
            if (participant is not null)
            {
                participant.Waiting++;
                participant.Woken = false;
            }
            released = Advance();
        }
        Release(released);
        var registration = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
        lock (_gate)
        {
            if (waiter.Pending)
                waiter.Registration = registration;
            else
                registration.Dispose();
        }
        return waiter.Completion.Task;
    }

    public Task WhenReachedAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled(cancellationToken);
        var owner = _current.Value;
        Timer timer;
        lock (_gate)
        {
            if (_now >= deadline)
                return Task.CompletedTask;
            timer = new Timer(owner, deadline, _sequence++);
            _timers.Add(timer);
        }
        var registration = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (!_timers.Remove(timer))
                    return;
            }
            timer.Completion.TrySetCanceled(cancellationToken);
        });
        lock (_gate)
        {
            if (!_timers.Contains(timer))
                registration.Dispose();
            else
                timer.Registration = registration;
        }
        return timer.Completion.Task;
    }

    public IDisposable BeginTimeline(DateTimeOffset start)
    {
        var parent = _current.Value;
        var participant = new Participant();
        lock (_gate)
        {
            _participants.Add(participant);
            if (parent is not null)
                parent.Children++;
        }
        _current.Value = participant;
        return new Restore(this, participant, parent);
    }

    /// <summary>
    /// Holds time still until disposed, whatever the flows do: for starting many flows at one instant
    /// (every file of a drop arriving together) from code that is not itself a flow.
    /// </summary>
    public IDisposable Hold()
    {
        lock (_gate)
            _holds++;
        return new Unhold(this);
    }

    /// <summary>
    /// Under the lock: while no flow can go on, move time to the next timer or wake-up and let it go.
    /// Returns the delays to complete, which happens outside the lock.
    /// </summary>
    private List<TaskCompletionSource> Advance()
    {
        var released = new List<TaskCompletionSource>();
        while (_holds == 0 && _waiters.Count > 0 && !_participants.Exists(p => p.CanRun))
        {
            var wake = _waiters.MinBy(w => (w.Due, w.Sequence))!;
            var timer = _timers.Count == 0 ? null : _timers.MinBy(t => (t.Deadline, t.Sequence));
            if (timer is not null && timer.Deadline <= wake.Due)
            {
                if (timer.Deadline > _now)
                    _now = timer.Deadline;
                foreach (var due in _timers.Where(t => t.Deadline <= _now).OrderBy(t => t.Sequence).ToList())
                {
                    _timers.Remove(due);
                    due.Registration.Dispose();
                    if (due.Owner is { } owner)
                        owner.Woken = true;
                    released.Add(due.Completion);
                }
                continue;
            }

            if (wake.Due > _now)
                _now = wake.Due;
            foreach (var due in _waiters.Where(w => w.Due <= _now).OrderBy(w => w.Sequence).ToList())
            {
                _waiters.Remove(due);
                due.Pending = false;
                due.Registration.Dispose();
                if (due.Owner is { } owner)
                    owner.Waiting--;
                released.Add(due.Completion);
            }
        }
        return released;
    }

    private static void Release(List<TaskCompletionSource> released)
    {
        foreach (var completion in released)
            completion.TrySetResult();
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!waiter.Pending)
                return;
            waiter.Pending = false;
            _waiters.Remove(waiter);
            if (waiter.Owner is { } owner)
                owner.Waiting--;
        }
        waiter.Completion.TrySetCanceled(cancellationToken);
    }

    private void Resume()
    {
        List<TaskCompletionSource> released;
        lock (_gate)
        {
            _holds--;
            released = Advance();
        }
        Release(released);
    }

    private void End(Participant participant, Participant? parent)
    {
        List<TaskCompletionSource> released;
        lock (_gate)
        {
            _participants.Remove(participant);
            if (parent is not null)
                parent.Children--;
            released = Advance();
        }
        Release(released);
    }

    /// <summary>A flow: it holds time while it runs, that is while it has no flows of its own and waits for no delay (or a timer just woke it).</summary>
    private sealed class Participant
    {
        public int Waiting { get; set; }

        public int Children { get; set; }

        public bool Woken { get; set; }

        public bool CanRun => Children == 0 && (Waiting == 0 || Woken);
    }

    private sealed class Waiter(Participant? owner, DateTimeOffset due, long sequence)
    {
        public Participant? Owner { get; } = owner;

        public DateTimeOffset Due { get; } = due;

        public long Sequence { get; } = sequence;

        public bool Pending { get; set; } = true;

        public CancellationTokenRegistration Registration { get; set; }

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Timer(Participant? owner, DateTimeOffset deadline, long sequence)
    {
        public Participant? Owner { get; } = owner;

        public DateTimeOffset Deadline { get; } = deadline;

        public long Sequence { get; } = sequence;

        public CancellationTokenRegistration Registration { get; set; }

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Restore(DiscreteEventClock clock, Participant participant, Participant? previous) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            clock._current.Value = previous;
            clock.End(participant, previous);
        }
    }

    private sealed class Unhold(DiscreteEventClock clock) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                clock.Resume();
        }
    }
}
