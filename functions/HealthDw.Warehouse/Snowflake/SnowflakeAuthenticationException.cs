namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// Snowflake refused the credentials (401) or the request (403). The message says what to check; it never holds
/// the token or the key.
/// </summary>
public sealed class SnowflakeAuthenticationException(int statusCode, string? code, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string? Code { get; } = code;
}
