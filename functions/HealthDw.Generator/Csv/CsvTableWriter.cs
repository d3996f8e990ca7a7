using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace HealthDw.Generator.Csv;

/// <summary>
/// Writes one table as RFC 4180 UTF-8 (CRLF, header row, quotes only where needed) straight
/// into a byte buffer, hashing as it flushes. When the table would exceed the part size it is
/// split at row boundaries, each part with its own header. While the first part's fate is
/// unknown its bytes (at most one part) wait in memory, since the file name depends on it.
/// </summary>
internal sealed class CsvTableWriter : IDisposable
{
    public const long NoSplit = long.MaxValue;
    private const int BufferSize = 64 * 1024;
    private const int FlushAt = 56 * 1024;

    private static readonly SearchValues<char> CommaSpecials = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<char> SemicolonSpecials = SearchValues.Create(";\"\r\n");

    private readonly IPartTarget _target;
    private readonly byte[] _preamble;
    private readonly long _partLimit;
    private readonly byte _separator;
    private readonly SearchValues<char> _specials;
    private readonly IncrementalHash? _hash;

    private byte[] _buffer = new byte[BufferSize];
    private int _pos;
    private int _rowStart;
    private bool _atRowStart = true;
    private Stream? _stream;
    private MemoryStream? _pending;
    private long _partFlushed;
    private long _partRows;
    private int _partNumber;
    private bool _completed;

    public CsvTableWriter(IPartTarget target, IReadOnlyList<string> columns, bool bom, long partLimit, bool hash = true, char separator = ',')
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partLimit);
        if (separator is not (',' or ';'))
        {
            throw new ArgumentOutOfRangeException(nameof(separator), separator, "Only ',' and ';' are supported.");
        }

        _target = target;
        _partLimit = partLimit;
        _separator = (byte)separator;
        _specials = separator == ',' ? CommaSpecials : SemicolonSpecials;
        _hash = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;

        var header = Encoding.UTF8.GetBytes(string.Join(separator, columns) + "\r\n");
        _preamble = bom ? [0xEF, 0xBB, 0xBF, .. header] : header;
        StartPart();
    }

    /// <summary>Data rows written so far, over all parts.</summary>
    public long Rows { get; private set; }

    public void Int(long value)
    {
        BeginField(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_pos), out var written);
        _pos += written;
    }

    /// <summary>A non-negative integer, left-padded with zeros to <paramref name="width"/> digits.</summary>
    public void Digits(long value, int width)
    {
        BeginField(Math.Max(width, 20));
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_pos), out var written, new StandardFormat('D', (byte)width));
        _pos += written;
    }

    /// <summary>A decimal with exactly two places: 123450 → <c>1234.50</c>.</summary>
    public void Cents(long cents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cents);
        BeginField(24);
        Utf8Formatter.TryFormat(cents / 100, _buffer.AsSpan(_pos), out var written);
        _pos += written;
        var rest = (int)(cents % 100);
        _buffer[_pos++] = (byte)'.';
        _buffer[_pos++] = (byte)('0' + (rest / 10));
        _buffer[_pos++] = (byte)('0' + (rest % 10));
    }

    public void Bool(bool value) => Literal(value ? "true"u8 : "false"u8);

    /// <summary>An empty field: null.</summary>
    public void Null() => BeginField(0);

    /// <summary>Bytes known to need no quoting (ASCII words, codes).</summary>
    public void Literal(ReadOnlySpan<byte> value)
    {
        BeginField(value.Length);
        value.CopyTo(_buffer.AsSpan(_pos));
        _pos += value.Length;
    }

    /// <summary>Text, quoted only when it holds the separator, a quote, CR or LF.</summary>
    public void Text(string value)
    {
        var text = value.AsSpan();
        if (!text.ContainsAny(_specials))
        {
            BeginField(Encoding.UTF8.GetMaxByteCount(text.Length));
            _pos += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_pos));
            return;
        }

        BeginField(Encoding.UTF8.GetMaxByteCount(text.Length * 2) + 2);
        _buffer[_pos++] = (byte)'"';
        int quote;
        while ((quote = text.IndexOf('"')) >= 0)
        {
            _pos += Encoding.UTF8.GetBytes(text[..(quote + 1)], _buffer.AsSpan(_pos));
            _buffer[_pos++] = (byte)'"';
            text = text[(quote + 1)..];
        }

        _pos += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_pos));
        _buffer[_pos++] = (byte)'"';
    }

    /// <summary>Unix seconds as <c>yyyy-MM-dd HH:mm:ss</c> (UTC).</summary>
    public void Timestamp(long unixSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unixSeconds);
        BeginField(19);
        var days = Math.DivRem(unixSeconds, 86_400, out var second);
        CivilDate(days, out var year, out var month, out var day);
        var b = _buffer.AsSpan(_pos, 19);
        b[0] = (byte)('0' + (year / 1000));
        b[1] = (byte)('0' + (year / 100 % 10));
        b[2] = (byte)('0' + (year / 10 % 10));
        b[3] = (byte)('0' + (year % 10));
        b[4] = (byte)'-';
        Two(b[5..], month);
        b[7] = (byte)'-';
        Two(b[8..], day);
        b[10] = (byte)' ';
        Two(b[11..], (int)(second / 3_600));
        b[13] = (byte)':';
        Two(b[14..], (int)(second / 60 % 60));
        b[16] = (byte)':';
        Two(b[17..], (int)(second % 60));
        _pos += 19;
    }

    public void EndRow()
    {
        Ensure(2);
        _buffer[_pos++] = (byte)'\r';
        _buffer[_pos++] = (byte)'\n';
        _atRowStart = true;

        if (_partRows > 0 && _partFlushed + _pos > _partLimit)
        {
            MoveRowToNextPart();
        }

        _partRows++;
        Rows++;
        _rowStart = _pos;
        if (_pos >= FlushAt)
        {
            Flush(_pos);
        }
    }

    /// <summary>Finishes the last (or only) file. Without it, nothing is reported.</summary>
    public void Complete()
    {
        if (!_atRowStart)
        {
            throw new InvalidOperationException("The last row was not ended.");
        }

        ClosePart(last: true);
        _completed = true;
    }

    public void Dispose()
    {
        _hash?.Dispose();
        _pending?.Dispose();
        if (!_completed && _stream is not null)
        {
            _target.Release(_stream);
            _stream = null;
        }
    }

    private void StartPart()
    {
        _partNumber++;
        _partFlushed = 0;
        _partRows = 0;
        if (_partLimit != NoSplit && _partNumber == 1)
        {
            _pending = new MemoryStream();
        }
        else
        {
            _stream = _target.Open(_partLimit == NoSplit ? null : _partNumber);
        }

        Ensure(_preamble.Length);
        _preamble.CopyTo(_buffer, _pos);
        _pos += _preamble.Length;
        _rowStart = _pos;
    }

    private void MoveRowToNextPart()
    {
        var row = _buffer.AsSpan(_rowStart, _pos - _rowStart).ToArray();
        _pos = _rowStart;
        ClosePart(last: false);
        StartPart();
        Ensure(row.Length);
        row.CopyTo(_buffer, _pos);
        _pos += row.Length;
    }

    private void ClosePart(bool last)
    {
        Flush(_pos);
        int? part = _partLimit == NoSplit || (last && _partNumber == 1) ? null : _partNumber;
        var stream = _stream;
        if (_pending is not null)
        {
            stream = _target.Open(part);
            _stream = stream;
            _pending.WriteTo(stream);
            _pending.Dispose();
            _pending = null;
        }

        _stream = null;
        _target.Release(stream!);
        var sha = _hash is null ? string.Empty : Convert.ToHexStringLower(_hash.GetHashAndReset());
        _target.Completed(part, _partRows, _partFlushed, sha);
    }

    private void BeginField(int reserve)
    {
        Ensure(reserve + 1);
        if (!_atRowStart)
        {
            _buffer[_pos++] = _separator;
        }

        _atRowStart = false;
    }

    private void Ensure(int bytes)
    {
        if (_pos + bytes <= _buffer.Length)
        {
            return;
        }

        if (_rowStart > 0)
        {
            Flush(_rowStart);
        }

        if (_pos + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _pos + bytes));
        }
    }

    /// <summary>Writes the first <paramref name="count"/> buffered bytes (whole rows) to the current part.</summary>
    private void Flush(int count)
    {
        if (count == 0)
        {
            return;
        }

        var bytes = _buffer.AsSpan(0, count);
        _hash?.AppendData(bytes);
        if (_pending is not null)
        {
            _pending.Write(bytes);
        }
        else
        {
            _stream!.Write(bytes);
        }

        _partFlushed += count;
        _buffer.AsSpan(count, _pos - count).CopyTo(_buffer);
        _pos -= count;
        _rowStart -= count;
    }

    private static void Two(Span<byte> into, int value)
    {
        into[0] = (byte)('0' + (value / 10));
        into[1] = (byte)('0' + (value % 10));
    }

    /// <summary>Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days).</summary>
    private static void CivilDate(long daysSinceEpoch, out int year, out int month, out int day)
    {
        var z = daysSinceEpoch + 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var dayOfEra = z - (era * 146_097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1_460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var mp = ((5 * dayOfYear) + 2) / 153;
        day = (int)(dayOfYear - (((153 * mp) + 2) / 5) + 1);
        month = (int)(mp < 10 ? mp + 3 : mp - 9);
        year = (int)(yearOfEra + (era * 400) + (month <= 2 ? 1 : 0));
    }
}
