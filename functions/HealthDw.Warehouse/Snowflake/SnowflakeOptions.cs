namespace HealthDw.Warehouse.Snowflake;

/// <summary>Where, as whom and how patiently the SQL API client runs statements; read once at start-up.</summary>
public sealed record SnowflakeOptions
{
    /// <summary><c>https://&lt;account_identifier&gt;.snowflakecomputing.com</c>.</summary>
    public required Uri AccountUrl { get; init; }

    /// <summary>The account identifier (<c>myorg-myaccount</c>, or a locator); normalised for the JWT by <see cref="Auth.SnowflakeAccountIdentifier"/>.</summary>
    public required string Account { get; init; }

    public required string User { get; init; }

    /// <summary>
    /// The role as configured, written as in SQL: <c>healthdw_loader</c> names the role Snowflake stores as
    /// <c>HEALTHDW_LOADER</c>, <c>"Mixed Case"</c> one created quoted. The request carries the stored name
    /// (<see cref="SnowflakeIdentifier"/>); when null the user's DEFAULT_ROLE applies.
    /// </summary>
    public string? Role { get; init; }

    /// <summary>As configured, like <see cref="Role"/>; when null the user's DEFAULT_WAREHOUSE applies.</summary>
    public string? Warehouse { get; init; }

    /// <summary>As configured, like <see cref="Role"/>.</summary>
    public string? Database { get; init; }

    /// <summary>As configured, like <see cref="Role"/>.</summary>
    public string? Schema { get; init; }

    /// <summary>Sent as the statement's <c>timeout</c>; Snowflake cancels the statement past it (HTTP 408).</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>"name/version" as RFC 7231 requires; the SQL API rejects requests without a User-Agent.</summary>
    public string UserAgent { get; init; } = "HealthDw/1.0";

    /// <summary>Attempts per HTTP call on 429, 5xx and lost responses (the first one included).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>First backoff step; it doubles per attempt (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A Retry-After longer than this is not waited out in-process: the call fails as transient instead.</summary>
    public TimeSpan RetryAfterLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>First wait between status polls; it doubles up to <see cref="PollMaxDelay"/>.</summary>
    public TimeSpan PollInitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan PollMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long <c>ExecuteAsync</c> polls before giving up; by default the statement timeout plus one minute.</summary>
    public TimeSpan? PollTimeout { get; init; }

    /// <summary>The context fields of a request, by their names in the body, each as Snowflake stores it (null when not set).</summary>
    /// <exception cref="ArgumentException">A configured name is not a legal identifier.</exception>
    internal IReadOnlyList<(string Field, SnowflakeIdentifier Name)> Context() =>
    [
        .. new (string Field, string? Configured)[] { ("database", Database), ("schema", Schema), ("warehouse", Warehouse), ("role", Role) }
            .Where(c => !string.IsNullOrWhiteSpace(c.Configured))
            .Select(c => (c.Field, SnowflakeIdentifier.Parse(c.Configured!, "the " + c.Field))),
    ];

    internal TimeSpan EffectivePollTimeout => PollTimeout ?? StatementTimeout + TimeSpan.FromMinutes(1);
}
