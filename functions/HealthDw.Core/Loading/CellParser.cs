using System.Buffers.Text;
using System.Globalization;
using System.Text;
using HealthDw.Core.Configuration;

namespace HealthDw.Core.Loading;

/// <summary>Parses a cell's UTF-8 bytes as a contract type. Strict: what would not load
/// unchanged into the warehouse is refused here, with no value in the reason.</summary>
public static class CellParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <returns>Null on success, else the rule broken (<c>type</c>, <c>length</c>, or <c>encoding</c> for a NUL byte in text).</returns>
    public static string? TryParse(ReadOnlySpan<byte> cell, ColumnType type, ref CellValue value)
    {
        value.IsNull = false;
        switch (type.Kind)
        {
            // NUL is valid UTF-8, but PostgreSQL's text cannot hold it ("invalid byte sequence for encoding UTF8: 0x00"):
            // refused here, with its line and column, on both warehouses alike.
            case ColumnKind.Text:
                if (cell.Contains((byte)0)) return "encoding";
                value.Text = StrictUtf8.GetString(cell);
                return null;
            case ColumnKind.Varchar:
                if (cell.Contains((byte)0)) return "encoding";
                var text = StrictUtf8.GetString(cell);
                if (text.Length > type.Length && CountRunes(text) > type.Length) return "length";
                value.Text = text;
                return null;
            case ColumnKind.Integer:
                return Utf8Parser.TryParse(cell, out int i, out var usedI) && usedI == cell.Length && IsPlainInteger(cell)
                    ? Set(ref value, i) : "type";
            case ColumnKind.BigInt:
                return Utf8Parser.TryParse(cell, out long l, out var usedL) && usedL == cell.Length && IsPlainInteger(cell)
                    ? Set(ref value, l) : "type";
            case ColumnKind.Decimal:
                return TryDecimal(cell, type, ref value);
            case ColumnKind.Boolean:
                return TryBoolean(cell, ref value);
            case ColumnKind.Date:
                if (cell.Length != 10 || !TryDate(cell, out var date)) return "type";
                value.Int64 = date.DayNumber;
                return null;
            case ColumnKind.Timestamp:
                return TryTimestamp(cell, ref value);
            case ColumnKind.Double:
                return TryDouble(cell, ref value);
            default:
                throw new InvalidOperationException($"unhandled column kind {type.Kind}");
        }
    }

    private static string? Set(ref CellValue value, long number)
    {
        value.Int64 = number;
        return null;
    }

    private static bool IsPlainInteger(ReadOnlySpan<byte> cell)
    {
        var digits = cell.Length > 0 && cell[0] == (byte)'-' ? cell[1..] : cell;
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    private static string? TryDecimal(ReadOnlySpan<byte> cell, ColumnType type, ref CellValue value)
    {
        var body = cell.Length > 0 && cell[0] == (byte)'-' ? cell[1..] : cell;
        var point = body.IndexOf((byte)'.');
        var whole = point < 0 ? body : body[..point];
        var fraction = point < 0 ? default : body[(point + 1)..];
        if (whole.Length == 0 || whole.ContainsAnyExceptInRange((byte)'0', (byte)'9')
            || (point >= 0 && (fraction.Length == 0 || fraction.ContainsAnyExceptInRange((byte)'0', (byte)'9'))))
            return "type";
        var significant = whole.TrimStart((byte)'0').Length;
        if (significant > type.Precision - type.Scale || fraction.Length > type.Scale) return "type";
        if (!Utf8Parser.TryParse(cell, out decimal d, out var used) || used != cell.Length) return "type";
        value.Decimal = d;
        return null;
    }

    /// <summary>
    /// A decimal number, optionally with an exponent. NaN and Infinity (in any spelling) are refused, and so is a number too
    /// large for a double: PostgreSQL and Snowflake would both store them, but they compare and aggregate differently in
    /// the two (and a single NaN turns every sum and average over the column into NaN), so a file that holds one is
    /// refused at its line and column, like any other cell that would not load unchanged.
    /// </summary>
    private static string? TryDouble(ReadOnlySpan<byte> cell, ref CellValue value)
    {
        var body = cell.Length > 0 && cell[0] is (byte)'-' or (byte)'+' ? cell[1..] : cell;
        if (body.Length == 0 || body[0] is not ((>= (byte)'0' and <= (byte)'9') or (byte)'.')
            || body.ContainsAnyExcept("0123456789.eE+-"u8))
            return "type";
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d)) return "type";
        value.Double = d;
        return null;
    }

    private static string? TryBoolean(ReadOnlySpan<byte> cell, ref CellValue value)
    {
        Span<byte> lower = stackalloc byte[5];
        if (cell.Length > 5) return "type";
        for (var k = 0; k < cell.Length; k++) lower[k] = (byte)(cell[k] | 0x20);
        switch (lower[..cell.Length])
        {
            case var s when s.SequenceEqual("true"u8) || s.SequenceEqual("t"u8) || s.SequenceEqual("1"u8) || s.SequenceEqual("yes"u8) || s.SequenceEqual("y"u8):
                value.Int64 = 1;
                return null;
            case var s when s.SequenceEqual("false"u8) || s.SequenceEqual("f"u8) || s.SequenceEqual("0"u8) || s.SequenceEqual("no"u8) || s.SequenceEqual("n"u8):
                value.Int64 = 0;
                return null;
            default:
                return "type";
        }
    }

    /// <summary>yyyy-MM-dd, then optionally [ T]HH:mm[:ss[.fffffff]] and a trailing Z.</summary>
    private static string? TryTimestamp(ReadOnlySpan<byte> cell, ref CellValue value)
    {
        if (cell.Length > 0 && cell[^1] == (byte)'Z') cell = cell[..^1];
        if (cell.Length < 16 || !TryDate(cell[..10], out var date) || cell[10] is not ((byte)' ' or (byte)'T')
            || !TwoDigits(cell, 11, out var hour) || cell[13] != (byte)':' || !TwoDigits(cell, 14, out var minute)
            || hour > 23 || minute > 59)
            return "type";
        var second = 0;
        long fractionTicks = 0;
        var rest = cell[16..];
        if (rest.Length > 0)
        {
            if (rest.Length < 3 || rest[0] != (byte)':' || !TwoDigits(rest, 1, out second) || second > 59) return "type";
            rest = rest[3..];
            if (rest.Length > 0)
            {
                if (rest[0] != (byte)'.' || rest.Length is < 2 or > 8 || rest[1..].ContainsAnyExceptInRange((byte)'0', (byte)'9')) return "type";
                for (var k = 1; k < 8; k++) fractionTicks = fractionTicks * 10 + (k < rest.Length ? rest[k] - '0' : 0);
            }
        }

        value.Int64 = date.ToDateTime(new TimeOnly(hour, minute, second)).Ticks + fractionTicks;
        return null;
    }

    private static bool TryDate(ReadOnlySpan<byte> cell, out DateOnly date)
    {
        date = default;
        if (cell.Length < 10 || cell[4] != (byte)'-' || cell[7] != (byte)'-'
            || !TwoDigits(cell, 0, out var century) || !TwoDigits(cell, 2, out var yy)
            || !TwoDigits(cell, 5, out var month) || !TwoDigits(cell, 8, out var day))
            return false;
        var year = century * 100 + yy;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<byte> s, int at, out int value)
    {
        value = 0;
        if (at + 1 >= s.Length) return false;
        int a = s[at] - '0', b = s[at + 1] - '0';
        if ((uint)a > 9 || (uint)b > 9) return false;
        value = a * 10 + b;
        return true;
    }

    private static int CountRunes(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }
}
