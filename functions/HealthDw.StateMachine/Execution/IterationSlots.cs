namespace HealthDw.StateMachine.Execution;

/// <summary>
/// MaxConcurrency for a Map state: at most N iterations hold a slot. Each slot remembers when its last
/// iteration ended, and the next iteration starts its timeline at the earliest such time, so that a
/// virtual clock sees iterations queue up exactly as they would in real time.
/// </summary>
internal sealed class IterationSlots
{
    private readonly SemaphoreSlim? _gate;
    private readonly PriorityQueue<DateTimeOffset, DateTimeOffset> _freeAt = new();
    private readonly Lock _lock = new();
    private readonly DateTimeOffset _start;

    public IterationSlots(int maxConcurrency, DateTimeOffset start)
    {
        _start = start;
        if (maxConcurrency <= 0)
            return;
        _gate = new SemaphoreSlim(maxConcurrency);
        for (var i = 0; i < maxConcurrency; i++)
            _freeAt.Enqueue(start, start);
    }

    /// <summary>Waits for a slot and returns when the iteration in it may start.</summary>
    public async Task<DateTimeOffset> AcquireAsync(CancellationToken ct)
    {
        if (_gate is null)
            return _start;
        await _gate.WaitAsync(ct);
        lock (_lock)
            return _freeAt.TryDequeue(out var at, out _) && at > _start ? at : _start;
    }

    public void Release(DateTimeOffset endedAt)
    {
        if (_gate is null)
            return;
        lock (_lock)
            _freeAt.Enqueue(endedAt, endedAt);
        _gate.Release();
    }
}
