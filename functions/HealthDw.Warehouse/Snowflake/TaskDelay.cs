namespace HealthDw.Warehouse.Snowflake;

/// <summary>The real wait.</summary>
public sealed class TaskDelay : IDelay
{
    public Task DelayAsync(TimeSpan delay, CancellationToken ct) => Task.Delay(delay, ct);
}
