namespace HealthDw.Infra.Configuration;

/// <summary>One stage (dev, prod) as <c>infra-cdk/stages.json</c> describes it. Nothing here is secret.</summary>
public sealed record StageSettings
{
    /// <summary>The key in stages.json: the stack is <c>HealthDw-&lt;Name&gt;</c>, resources are named <c>healthdw-&lt;Name&gt;-…</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>Optional: without it the stack is account-agnostic (the deploying credentials decide).</summary>
    public string? Account { get; init; }

    /// <summary>Optional: without it the stack is region-agnostic and the extension layer comes from a region mapping.</summary>
    public string? Region { get; init; }

    /// <summary>
    /// A stage real users depend on: it must have an alarm subscription (<see cref="AlarmEmail"/>), and its log
    /// groups are kept when the stack is deleted.
    /// </summary>
    public bool Production { get; init; }

    public bool TerminationProtection { get; init; }

    /// <summary>Retention of every log group (functions, state machines); one of CloudWatch's allowed values.</summary>
    public int LogRetentionDays { get; init; } = 30;

    /// <summary>Optional: an address subscribed to the alarm topic (it must confirm the subscription).</summary>
    public string? AlarmEmail { get; init; }

    /// <summary>
    /// The heartbeat: hours without a single ingest-file execution after which the no-drop alarm fires
    /// (1 to 168; CloudWatch evaluates an alarm of hourly periods over at most seven days).
    /// </summary>
    public int DropHeartbeatHours { get; init; } = 26;

    public LifecycleSettings Lifecycle { get; init; } = new();

    public ConcurrencySettings Concurrency { get; init; } = new();

    public SnowflakeSettings Snowflake { get; init; } = new();
}
