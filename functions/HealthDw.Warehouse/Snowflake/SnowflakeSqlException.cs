namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// The statement failed (HTTP 422, a QueryFailureStatus): Snowflake's error code, SQLSTATE and message. The
/// message is passed through <see cref="SnowflakeErrorSanitizer"/> first: it keeps the rule and the position
/// (file, line, character, column name; for a failed COPY) but not quoted values, because Snowflake quotes the
/// offending cell value or SQL fragment there. The SQL text and its bind values are never part of it.
/// </summary>
public sealed class SnowflakeSqlException : Exception
{
    public SnowflakeSqlException(string code, string? sqlState, string? statementHandle, string? snowflakeMessage)
        : base(Compose(code, sqlState, statementHandle, SnowflakeErrorSanitizer.Sanitize(snowflakeMessage)))
    {
        Code = code;
        SqlState = sqlState;
        StatementHandle = statementHandle;
        ErrorText = SnowflakeErrorSanitizer.Sanitize(snowflakeMessage);
    }

    /// <summary>Snowflake's error code, e.g. <c>100038</c>.</summary>
    public string Code { get; }

    public string? SqlState { get; }

    public string? StatementHandle { get; }

    /// <summary>Snowflake's message after sanitising: rule text and position lines, quoted values replaced by <c>'?'</c>.</summary>
    public string ErrorText { get; }

    private static string Compose(string code, string? sqlState, string? handle, string text) =>
        $"Snowflake error {code}" + (string.IsNullOrEmpty(sqlState) ? "" : $" (SQLSTATE {sqlState})")
        + (string.IsNullOrEmpty(handle) ? "" : $" in statement {handle}") + ": " + text;
}
