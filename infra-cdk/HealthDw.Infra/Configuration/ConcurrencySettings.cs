namespace HealthDw.Infra.Configuration;

/// <summary>
/// Reserved concurrency of the steps that talk to Snowflake the hardest: it caps how many run at once
/// (protecting the warehouse) and guarantees them that many, whatever else runs in the account.
/// </summary>
public sealed record ConcurrencySettings
{
    public int LoadToStaging { get; init; } = 4;

    /// <summary>Check Load finishes running loads in the warehouse (its checks, ledger row and insert).</summary>
    public int LoadStatus { get; init; } = 4;

    public int PublishDrop { get; init; } = 2;
}
