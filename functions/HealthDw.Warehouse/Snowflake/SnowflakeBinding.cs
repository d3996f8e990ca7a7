using System.Globalization;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// The value of one <c>?</c> placeholder: a Snowflake binding type (TEXT, FIXED, REAL, BOOLEAN, DATE, TIME,
/// TIMESTAMP_NTZ, ...) and the value as a string, as the SQL API requires. Bound values are data: they are
/// sent in the request body and never appear in a message or an exception.
/// </summary>
public sealed record SnowflakeBinding(string Type, string? Value)
{
    public static SnowflakeBinding Text(string? value) => new("TEXT", value);

    public static SnowflakeBinding Fixed(long value) => new("FIXED", value.ToString(CultureInfo.InvariantCulture));

    public static SnowflakeBinding Boolean(bool value) => new("BOOLEAN", value ? "true" : "false");
}
