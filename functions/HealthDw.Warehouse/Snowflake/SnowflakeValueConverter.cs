using System.Globalization;
using System.Text.Json;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// Turns the SQL API's cells (every value a JSON string, SQL NULL a JSON null) into .NET primitives by the column's
/// <c>rowType.type</c>:
/// <list type="bullet">
/// <item><c>fixed</c>: <see cref="long"/> when the scale is 0 and it fits, else <see cref="decimal"/> (a 38-digit NUMBER
/// that does not fit a decimal becomes a <see cref="double"/>);</item>
/// <item><c>real</c>: <see cref="double"/> (also <c>NaN</c>, <c>inf</c>, <c>-inf</c>); <c>text</c>: <see cref="string"/>;
/// <c>boolean</c>: <see cref="bool"/>;</item>
/// <item><c>date</c> and <c>timestamp_ntz</c>: <see cref="DateTime"/> (kind unspecified; as PostgreSQL's timestamp);
/// <c>timestamp_ltz</c> and <c>timestamp_tz</c>: <see cref="DateTimeOffset"/>; <c>time</c>: <see cref="TimeSpan"/>;</item>
/// <item>anything else (variant, array, object, binary...): the text as received.</item>
/// </list>
/// Dates and timestamps are read in the SQL API's JSON encoding (days since the epoch; seconds since the epoch with a
/// fraction; for TIMESTAMP_TZ followed by the offset in minutes plus 1440) and, failing that, as ISO text.
/// </summary>
public static class SnowflakeValueConverter
{
    public static IReadOnlyList<object?[]> Rows(SnowflakeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = new List<object?[]>(result.Rows.Count);
        foreach (var row in result.Rows)
        {
            var values = new object?[result.Columns.Count];
            for (var i = 0; i < values.Length; i++)
                values[i] = i < row.Length ? Convert(result.Columns[i], row[i]) : null;
            rows.Add(values);
        }

        return rows;
    }

    public static object? Convert(SnowflakeColumn column, string? cell)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (cell is null)
            return null;
        return column.Type.ToLowerInvariant() switch
        {
            "fixed" => Fixed(cell, column.Scale ?? 0),
            "real" => Real(cell),
            "text" => cell,
            "boolean" => Boolean(cell),
            "date" => Date(cell),
            "timestamp_ntz" => TimestampNtz(cell),
            "timestamp_ltz" => TimestampOffset(cell),
            "timestamp_tz" => TimestampOffset(cell),
            "time" => Time(cell),
            _ => cell,
        };
    }

    /// <summary>An ARRAY cell (JSON text) as its string elements; null elements are skipped.</summary>
    public static IReadOnlyList<string> TextArray(string? cell)
    {
        if (string.IsNullOrWhiteSpace(cell))
            return [];
        using var json = JsonDocument.Parse(cell);
        if (json.RootElement.ValueKind != JsonValueKind.Array)
            throw Bad("array", cell);
        var items = new List<string>(json.RootElement.GetArrayLength());
        foreach (var item in json.RootElement.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
                items.Add(item.GetString()!);
            else if (item.ValueKind != JsonValueKind.Null)
                items.Add(item.GetRawText());
        }

        return items;
    }

    private static object Fixed(string cell, long scale)
    {
        if (scale == 0 && long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            return whole;
        if (decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var number))
            return number;
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var big))
            return big;
        throw Bad("fixed", cell);
    }

    private static double Real(string cell) => cell.ToLowerInvariant() switch
    {
        "nan" => double.NaN,
        "inf" or "infinity" => double.PositiveInfinity,
        "-inf" or "-infinity" => double.NegativeInfinity,
        _ => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Bad("real", cell),
    };

    private static bool Boolean(string cell) => cell.ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw Bad("boolean", cell),
    };

    private static DateTime Date(string cell)
    {
        if (long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days))
            return DateTime.UnixEpoch.AddDays(days).Date;
        return DateTime.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Bad("date", cell);
    }

    private static DateTime TimestampNtz(string cell) =>
        TryEpoch(cell, out var ticks, out _)
            ? new DateTime(DateTime.UnixEpoch.Ticks + ticks, DateTimeKind.Unspecified)
            : DateTime.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified)
                : throw Bad("timestamp_ntz", cell);

    private static DateTimeOffset TimestampOffset(string cell)
    {
        if (TryEpoch(cell, out var ticks, out var offsetMinutes))
        {
            var utc = new DateTimeOffset(DateTime.UnixEpoch.Ticks + ticks, TimeSpan.Zero);
            return offsetMinutes is { } minutes ? utc.ToOffset(TimeSpan.FromMinutes(minutes)) : utc;
        }

        return DateTimeOffset.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : throw Bad("timestamp", cell);
    }

    private static TimeSpan Time(string cell)
    {
        if (TryEpoch(cell, out var ticks, out _))
            return TimeSpan.FromTicks(ticks);
        return TimeSpan.TryParse(cell, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw Bad("time", cell);
    }

    /// <summary><c>seconds[.fraction][ offset+1440]</c> → ticks since the epoch and the offset in minutes.</summary>
    private static bool TryEpoch(string cell, out long ticks, out int? offsetMinutes)
    {
        ticks = 0;
        offsetMinutes = null;
        var parts = cell.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2)
            return false;
        if (parts.Length == 2)
        {
            if (!int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var encoded))
                return false;
            offsetMinutes = encoded - 1440;
        }

        var number = parts[0];
        var negative = number.StartsWith('-');
        var digits = negative ? number[1..] : number;
        var point = digits.IndexOf('.', StringComparison.Ordinal);
        var wholePart = point < 0 ? digits : digits[..point];
        var fractionPart = point < 0 ? "" : digits[(point + 1)..];
        if (wholePart.Length == 0 || !wholePart.All(char.IsAsciiDigit) || !fractionPart.All(char.IsAsciiDigit)
            || !long.TryParse(wholePart, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return false;
        var fraction = (fractionPart + "0000000")[..7]; // ticks are 100 ns: 7 digits
        var total = seconds * TimeSpan.TicksPerSecond + long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        ticks = negative ? -total : total;
        return true;
    }

    private static FormatException Bad(string type, string cell) =>
        new($"Snowflake returned a {type} value of {cell.Length} characters that could not be read as {type}.");
}
