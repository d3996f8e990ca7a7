namespace HealthDw.Warehouse.Snowflake;

/// <summary>How <see cref="SnowflakeStageLoader"/> reads files from the bucket; read once at start-up.</summary>
public sealed record SnowflakeStageOptions
{
    /// <summary>The external stage on the bucket's root (see <c>warehouse/snowflake/setup.sql</c>): an object key is its path in
    /// the stage. Written <c>@[database.]schema.stage</c>, each part as in SQL (<see cref="SnowflakeStageName"/>).</summary>
    public string Stage { get; init; } = "@staging.raw_stage";

    /// <summary>The contract's date format (<c>yyyy-MM-dd</c>) in Snowflake's notation.</summary>
    public string DateFormat { get; init; } = "YYYY-MM-DD";

    /// <summary>
    /// The contract's timestamp format (<c>yyyy-MM-dd HH:mm:ss</c>, what the vendor sends) in Snowflake's notation. The
    /// local loader also accepts a <c>T</c>, no seconds, fractions and a trailing <c>Z</c>; set <c>AUTO</c> to let Snowflake
    /// recognise its ISO variants instead.
    /// </summary>
    public string TimestampFormat { get; init; } = "YYYY-MM-DD HH24:MI:SS";

    /// <summary>The COPY's statement timeout; null for the client's default.</summary>
    public TimeSpan? CopyTimeout { get; init; }

    /// <summary>First wait between status checks of a running COPY in <c>LoadAsync</c>; it doubles up to <see cref="PollMaxDelay"/>.</summary>
    public TimeSpan PollInitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan PollMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Read each file against its contract before the COPY (the default, and what Lambda does): the loader then needs the
    /// bucket. Off, Snowflake's COPY and the row-check query alone judge the rows, and a row with too few or too many
    /// fields may load; for tests of that path only.
    /// </summary>
    public bool CheckFilesFirst { get; init; } = true;

    /// <summary>Per-load tables older than this are dropped by <c>SweepLeftoversAsync</c> (a load never takes this long).</summary>
    public TimeSpan LeftoverAge { get; init; } = TimeSpan.FromDays(1);
}
