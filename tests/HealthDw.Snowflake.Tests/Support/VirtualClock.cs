using HealthDw.Core.Ports;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Snowflake.Tests.Support;

/// <summary>A clock that only moves when the code under test waits: every delay is recorded and returns at once.</summary>
internal sealed class VirtualClock(DateTimeOffset start) : IClock, IDelay
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _delays = [];
    private DateTimeOffset _now = start;

    public DateTimeOffset Now
    {
        get
        {
            lock (_gate)
                return _now;
        }
    }

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_gate)
                return [.. _delays];
        }
    }

    public Guid NewId() => Guid.NewGuid();

    public void Advance(TimeSpan by)
    {
        lock (_gate)
            _now += by;
    }

    public Task DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _delays.Add(delay);
            _now += delay;
        }

        return Task.CompletedTask;
    }
}
