namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// Where a statement stands: finished with its <see cref="Result"/>, or still running under
/// <see cref="StatementHandle"/> (poll with <c>GetStatusAsync</c>, e.g. from a Step Functions Wait/Choice loop).
/// Carries ids only, so it can go into state output as it is.
/// </summary>
public sealed record SnowflakeStatementStatus(string StatementHandle, SnowflakeResult? Result)
{
    /// <summary>The request id the statement was submitted under (null for a status check).</summary>
    public Guid? RequestId { get; init; }

    public bool IsComplete => Result is not null;
}
