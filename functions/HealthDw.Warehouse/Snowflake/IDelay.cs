namespace HealthDw.Warehouse.Snowflake;

/// <summary>Waits between retries and status polls; tests substitute a virtual clock so nothing sleeps for real.</summary>
public interface IDelay
{
    Task DelayAsync(TimeSpan delay, CancellationToken ct);
}
