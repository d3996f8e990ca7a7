using HealthDw.Core.Ports;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// A Snowflake call that may succeed if retried later (retries exhausted on 429/5xx/lost responses, statement
/// timeout, still running). Step Functions Retry matches on this type's name. The message holds ids, statuses and
/// durations only.
/// </summary>
public sealed class SnowflakeTransientException(
    SnowflakeTransientReason reason, string message, int? statusCode = null, string? statementHandle = null,
    Guid? requestId = null, Exception? inner = null)
    : Exception(message, inner), ITransientFailure
{
    public bool IsTransient => true;

    public SnowflakeTransientReason Reason { get; } = reason;

    public int? StatusCode { get; } = statusCode;

    public string? StatementHandle { get; } = statementHandle;

    /// <summary>Resubmit with this id (and <see cref="SnowflakeStatement.IsResubmission"/>) so Snowflake can recognise the request.</summary>
    public Guid? RequestId { get; } = requestId;
}
