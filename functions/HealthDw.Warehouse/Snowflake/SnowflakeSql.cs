using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// Writing values into Snowflake SQL text, for the multi-statement requests that cannot carry bind variables.
/// In a single-quoted Snowflake string constant the backslash is an escape character too, so both <c>\</c> and
/// <c>'</c> are doubled. Identifiers are only ever the project's own (contract tables and columns, schema names),
/// checked against <see cref="IsIdentifier"/>.
/// </summary>
internal static partial class SnowflakeSql
{
    public static string Literal(string? value) =>
        value is null
            ? "null"
            : "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Literal(long? value) => value is { } v ? Literal(v) : "null";

    public static string Literal(bool value) => value ? "true" : "false";

    public static string Literal(double? value) => value switch
    {
        null => "null",
        { } v when double.IsNaN(v) => "'NaN'::double",
        { } v when double.IsPositiveInfinity(v) => "'inf'::double",
        { } v when double.IsNegativeInfinity(v) => "'-inf'::double",
        { } v => v.ToString("R", CultureInfo.InvariantCulture) + "::double",
    };

    /// <summary>A TIMESTAMP_LTZ with its format spelled out, so no session's TIMESTAMP_INPUT_FORMAT plays a part.</summary>
    public static string TimestampLtz(DateTimeOffset value) =>
        string.Create(CultureInfo.InvariantCulture,
            $"to_timestamp_ltz('{value.ToUniversalTime():yyyy-MM-dd HH:mm:ss.fff} +00:00', 'YYYY-MM-DD HH24:MI:SS.FF3 TZH:TZM')");

    /// <summary><c>array_construct('a', 'b')</c>: an ARRAY of strings.</summary>
    public static string TextArray(IEnumerable<string> values) =>
        "array_construct(" + string.Join(", ", values.Select(v => Literal(v))) + ")";

    /// <summary>Statements joined for one multi-statement request (the count goes in MULTI_STATEMENT_COUNT).</summary>
    public static string Join(IEnumerable<string> statements)
    {
        var text = new StringBuilder();
        foreach (var statement in statements)
        {
            var trimmed = statement.Trim().TrimEnd(';').TrimEnd();
            if (trimmed.Length == 0)
                continue;
            if (text.Length > 0)
                text.Append(";\n");
            text.Append(trimmed);
        }

        return text.ToString();
    }

    /// <summary>The first statement of a transaction that reads then writes: it takes the lock of <c>audit.write_lock</c>
    /// (one row) until the COMMIT, so the statements after it see what the transaction before it committed. It changes the
    /// row (a count of such transactions), so no engine can treat it as a no-op that needs no lock.</summary>
    public const string TakeWriteLock = "update audit.write_lock set writes = writes + 1";

    public static bool IsIdentifier(string name) => Identifier().IsMatch(name);

    public static string RequireIdentifier(string name, string what) =>
        IsIdentifier(name) ? name : throw new ArgumentException($"{what} '{name}' is not a plain SQL identifier (letters, digits, underscores; dots between parts)", nameof(name));

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
