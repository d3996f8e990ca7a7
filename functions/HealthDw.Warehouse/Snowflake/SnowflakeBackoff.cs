namespace HealthDw.Warehouse.Snowflake;

/// <summary>Exponential backoff with jitter ("exponentially jittered backoff is recommended" for 429/503/504).</summary>
internal static class SnowflakeBackoff
{
    /// <summary>Half of base·2^(failures-1), capped, plus a random share of the other half.</summary>
    public static TimeSpan Next(int failures, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, failures - 1));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + Random.Shared.NextDouble() * capped / 2);
    }
}
