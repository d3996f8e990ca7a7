namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// One request to <c>POST /api/v2/statements</c>: SQL text (several statements separated by <c>;</c> when
/// <see cref="StatementCount"/> says so, e.g. <c>BEGIN; COPY ...; INSERT ...; COMMIT;</c>), optional bindings, and
/// the request id that makes a resubmission the same request.
/// </summary>
public sealed record SnowflakeStatement(string Sql)
{
    /// <summary>Sent as <c>MULTI_STATEMENT_COUNT</c>: 1 for one statement, n for exactly n, 0 for "any number".</summary>
    public int StatementCount { get; init; } = 1;

    /// <summary>Values for <c>?</c> placeholders, in order. Snowflake does not support bindings in multi-statement requests.</summary>
    public IReadOnlyList<SnowflakeBinding> Bindings { get; init; } = [];

    /// <summary>
    /// The <c>requestId</c>. Supply a deterministic one (derived from the file version and the step) so that a
    /// resubmission after a lost response, in this process or in a retried Lambda, is the same request; when
    /// null a new id is drawn from the clock.
    /// </summary>
    public Guid? RequestId { get; init; }

    /// <summary>
    /// True when this request id may already have been sent (a retried Step Functions task): the first attempt then
    /// carries <c>retry=true</c> too, so Snowflake does not run a statement it already ran successfully.
    /// </summary>
    public bool IsResubmission { get; init; }

    /// <summary>Overrides <see cref="SnowflakeOptions.StatementTimeout"/> for this statement.</summary>
    public TimeSpan? Timeout { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Sql);
        if (StatementCount < 0)
            throw new ArgumentOutOfRangeException(nameof(StatementCount), "MULTI_STATEMENT_COUNT is 0 (any) or a positive count.");
        if (Bindings.Count > 0 && StatementCount != 1)
            throw new ArgumentException("Snowflake does not support bind variables in multi-statement requests.", nameof(Bindings));
        if (Timeout is { } timeout && timeout < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(Timeout), "A statement timeout cannot be negative.");
    }
}
