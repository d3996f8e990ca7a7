using System.Globalization;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Loading;

namespace HealthDw.Core.Inference;

/// <summary>
/// One column of a file as it streams past: which types' rules (<see cref="CellParser"/>, the validator's own) have accepted
/// every non-empty cell so far, the longest cell, the empty cells, and whether the cells are unique. Memory is a few
/// counters, plus one 64-bit hash per distinct cell while the column may still be a primary key (<see cref="ValueHash"/>: two
/// values with one hash only make the column look not unique, which only ever drops a key, the safe side).
/// </summary>
internal sealed class ColumnProfile(string name)
{
    /// <summary>The longest varchar PostgreSQL allows (10,485,760): a longer column is text.</summary>
    private const int MaxVarchar = 10_485_760;

    private static readonly ColumnType IntegerType = new(ColumnKind.Integer);
    private static readonly ColumnType BigIntType = new(ColumnKind.BigInt);
    private static readonly ColumnType DoubleType = new(ColumnKind.Double);
    private static readonly ColumnType BooleanType = new(ColumnKind.Boolean);
    private static readonly ColumnType DateType = new(ColumnKind.Date);
    private static readonly ColumnType TimestampType = new(ColumnKind.Timestamp);

    private bool _boolean = true, _booleanWord, _integer = true, _bigint = true, _decimal = true, _double = true, _date = true, _timestamp = true;
    private bool _leadingZero;
    private int _wholeDigits, _scale;
    private int _digitsOnlyLength = -1; // the length of every cell when all are digits and of one length; -2 when not
    private HashSet<ulong>? _seen = [];
    private CellValue _scratch;

    public string Name { get; } = name;

    public long Empty { get; private set; }

    public long Filled { get; private set; }

    public int MaxLength { get; private set; }

    /// <summary>No cell empty and no two alike (by hash) so far: the column may be the primary key.</summary>
    public bool UniqueAndFilled => _seen is not null;

    public void Observe(ReadOnlySpan<byte> cell)
    {
        if (cell.IsEmpty)
        {
            Empty++;
            _seen = null;
            return;
        }

        Filled++;
        if (_seen is not null && !_seen.Add(ValueHash.Of(cell))) _seen = null;
        // The cell is valid UTF-8 (checked first, as the validator does): its characters are its bytes but continuations.
        var length = cell.Length - ContinuationBytes(cell);
        if (length > MaxLength) MaxLength = length;
        _digitsOnlyLength = cell.ContainsAnyExceptInRange((byte)'0', (byte)'9') ? -2
            : _digitsOnlyLength == -1 || _digitsOnlyLength == cell.Length ? cell.Length : -2;

        if (_boolean)
        {
            _boolean = CellParser.TryParse(cell, BooleanType, ref _scratch) is null;
            _booleanWord |= _boolean && cell.ContainsAnyExceptInRange((byte)'0', (byte)'9');
        }

        if (!_leadingZero && (_integer || _bigint || _decimal || _double)) _leadingZero = HasLeadingZero(cell);
        _integer = _integer && CellParser.TryParse(cell, IntegerType, ref _scratch) is null;
        _bigint = _bigint && (_integer || CellParser.TryParse(cell, BigIntType, ref _scratch) is null);
        _decimal = _decimal && FitsDecimal(cell);
        _double = _double && (_bigint || CellParser.TryParse(cell, DoubleType, ref _scratch) is null);
        _date = _date && CellParser.TryParse(cell, DateType, ref _scratch) is null;
        _timestamp = _timestamp && CellParser.TryParse(cell, TimestampType, ref _scratch) is null;
    }

    /// <summary>The narrowest type whose rule accepted every cell, and the evidence for it (counts and lengths only).</summary>
    public (ColumnType Type, string Evidence) Decide(long rows)
    {
        var counts = $"in {Rows(rows)}";
        if (Filled == 0) return (new ColumnType(ColumnKind.Text), $"every cell is empty {counts}: the type is a guess");
        // Digits with a leading zero (ZIP 02139, code 007) would load as another number (2139, 7): text keeps them.
        var numeric = !_leadingZero;
        if (_boolean && _booleanWord) return (BooleanType, $"every value is true/false, t/f, yes/no or y/n {counts}");
        if (numeric && _integer) return (IntegerType, $"whole numbers within 32 bits {counts}{CodeHint()}");
        if (numeric && _bigint) return (BigIntType, $"whole numbers, some beyond 32 bits {counts}{CodeHint()}");
        if (numeric && _decimal)
        {
            var hint = _scale > 6 ? "; if these are floats as a program prints them, double takes any number of places" : "";
            return (new ColumnType(ColumnKind.Decimal, Precision: Math.Max(1, _wholeDigits + _scale), Scale: _scale),
                $"at most {_wholeDigits} digits before and {_scale} after the point {counts}{hint}");
        }

        if (numeric && _double) return (DoubleType, $"numbers that no decimal(p,s) up to 38 digits holds {counts}");
        if (_date) return (DateType, $"dates (yyyy-MM-dd) {counts}");
        if (_timestamp) return (TimestampType, $"timestamps {counts}");
        var zeros = _leadingZero && (_integer || _bigint || _decimal || _double) ? "; digits with leading zeros, kept as text" : "";
        return MaxLength > MaxVarchar
            ? (new ColumnType(ColumnKind.Text), $"max length {Count(MaxLength)} {counts}, beyond any varchar{zeros}")
            : (new ColumnType(ColumnKind.Varchar, Length: MaxLength), $"max length {Count(MaxLength)} {counts}{zeros}");
    }

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rows(long n) => n == 1 ? "1 row" : $"{Count(n)} rows";

    /// <summary>A column of digits all of one length is often a code (ZIP, NPI, phone) whose leading zeros this file lacks.</summary>
    private string CodeHint() => _digitsOnlyLength >= 5
        ? $"; all {_digitsOnlyLength} digits: a code (ZIP, NPI, phone) would want varchar({_digitsOnlyLength}) for its leading zeros"
        : "";

    /// <summary>Widens the decimal to this cell's digits, then asks the decimal rule itself whether the cell fits.</summary>
    private bool FitsDecimal(ReadOnlySpan<byte> cell)
    {
        var body = cell[0] == (byte)'-' ? cell[1..] : cell;
        var point = body.IndexOf((byte)'.');
        var whole = (point < 0 ? body : body[..point]).TrimStart((byte)'0').Length;
        var scale = point < 0 ? 0 : body.Length - point - 1;
        _wholeDigits = Math.Max(_wholeDigits, whole);
        _scale = Math.Max(_scale, scale);
        if (_wholeDigits + _scale > 38) return false;
        var type = new ColumnType(ColumnKind.Decimal, Precision: Math.Max(1, _wholeDigits + _scale), Scale: _scale);
        return CellParser.TryParse(cell, type, ref _scratch) is null;
    }

    private static bool HasLeadingZero(ReadOnlySpan<byte> cell)
    {
        var body = cell[0] is (byte)'-' or (byte)'+' ? cell[1..] : cell;
        return body.Length >= 2 && body[0] == (byte)'0' && body[1] is >= (byte)'0' and <= (byte)'9';
    }

    private static int ContinuationBytes(ReadOnlySpan<byte> cell)
    {
        var count = 0;
        foreach (var b in cell) count += (b & 0xC0) == 0x80 ? 1 : 0;
        return count;
    }
}
