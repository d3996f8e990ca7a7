namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// The SQL API rejected the request itself (400, 404, 405, 415, an unexpected status or body): a bug or a
/// misconfiguration, not worth retrying.
/// </summary>
public sealed class SnowflakeRequestException(int statusCode, string? code, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string? Code { get; } = code;
}
