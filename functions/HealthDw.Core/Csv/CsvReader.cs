using System.Buffers;

namespace HealthDw.Core.Csv;

/// <summary>
/// A streaming RFC 4180 reader over UTF-8 bytes: comma separator, <c>"</c> quoting with <c>""</c>
/// escapes, CRLF or LF line ends, fields that span lines, an optional byte-order mark.
/// Memory is one buffer (grown only for a record longer than it, up to <see cref="MaxRecordBytes"/>),
/// whatever the size of the input. Fields are unescaped bytes, valid until the next read.
/// </summary>
public sealed class CsvReader : IDisposable
{
    public const int MaxRecordBytes = 16 * 1024 * 1024;
    // A quote inside a field that does not start with one is an ordinary character (5'10"), as in
    // csv-spectrum, Python's csv and Snowflake's FIELD_OPTIONALLY_ENCLOSED_BY.
    private static readonly SearchValues<byte> UnquotedStops = SearchValues.Create(",\r\n"u8);

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;        // first unread byte
    private int _end;          // end of valid data
    private bool _eof;
    private long _bytesBefore; // bytes of the stream before _buffer[0]
    private bool _damaged;     // the (decompressing) stream failed: its text stops here
    private bool _damageReported;

    private byte[] _record = new byte[4096];
    private int[] _fieldStart = new int[64];
    private int[] _fieldLength = new int[64];

    public CsvReader(Stream stream, int bufferSize = 1 << 16)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    /// <summary>Physical line (1-based) on which the current record starts.</summary>
    public long Line { get; private set; }

    /// <summary>Physical line the next record starts on.</summary>
    public long NextLine { get; private set; } = 1;

    public int FieldCount { get; private set; }

    /// <summary>True when the current record is an empty physical line (nothing before its line end, not even
    /// <c>""</c>): one empty field to RFC 4180, a blank line to the people who write the files.</summary>
    public bool IsBlankLine { get; private set; }

    public bool HadByteOrderMark { get; private set; }

    public CsvSyntaxError? Error { get; private set; }

    /// <summary>Bytes of the input consumed so far (for progress).</summary>
    public long BytesConsumed => _bytesBefore + _start;

    public ReadOnlySpan<byte> this[int field] => _record.AsSpan(_fieldStart[field], _fieldLength[field]);

    /// <summary>All the current record's field bytes, back to back (for one UTF-8 check per record).</summary>
    public ReadOnlySpan<byte> RecordBytes => FieldCount == 0 ? default : _record.AsSpan(0, _fieldStart[FieldCount - 1] + _fieldLength[FieldCount - 1]);

    public CsvReadStatus Read()
    {
        if (NextLine == 1 && _bytesBefore == 0 && _start == 0) SkipByteOrderMark();
        while (true)
        {
            if (_start == _end && !Fill()) return _damaged && !_damageReported ? Damaged() : CsvReadStatus.EndOfFile;
            var outcome = TryParse(out var consumed, out var lines);
            if (outcome == Outcome.NeedMore)
            {
                if (!Fill() && !_eof) throw new InvalidOperationException("stream stopped without end of file");
                continue;
            }

            Line = NextLine;
            NextLine += lines;
            _start += consumed;
            if (outcome == Outcome.Done) { Error = null; return CsvReadStatus.Record; }
            return CsvReadStatus.Malformed;
        }
    }

    private enum Outcome { Done, NeedMore, Bad }

    /// <summary>The compressed input stopped decompressing: the record it cut is dropped, and the problem is at its line
    /// (line 1 when no text came out at all: the file is not what its name says).</summary>
    private CsvReadStatus Damaged()
    {
        _damageReported = true;
        Line = NextLine;
        Error = new CsvSyntaxError(NextLine, 0, "encoding", BytesConsumed == 0 && NextLine == 1
            ? "the file's content is not the compressed data its name declares (e.g. a .gz that is not gzip)"
            : "the compressed data is damaged or cut short here: the text stops at this line");
        return CsvReadStatus.Malformed;
    }

    /// <summary>Parses one record from the buffer. NeedMore when it runs off the end before EOF.</summary>
    private Outcome TryParse(out int consumed, out int lines)
    {
        var data = _buffer.AsSpan(_start, _end - _start);
        var pos = 0;
        var written = 0;
        var field = 0;
        lines = 0;
        consumed = 0;
        while (true)
        {
            if (field == _fieldStart.Length) GrowFields();
            _fieldStart[field] = written;
            if (pos < data.Length && data[pos] == (byte)'"')
            {
                var fieldLine = lines;
                pos++;
                while (true)
                {
                    var rest = data[pos..];
                    var quote = rest.IndexOf((byte)'"');
                    var chunk = quote < 0 ? rest : rest[..quote];
                    lines += chunk.Count((byte)'\n');
                    if (!Append(chunk, ref written)) return TooLong(out consumed, lines);
                    if (quote < 0)
                    {
                        if (!_eof) return Outcome.NeedMore;
                        consumed = data.Length;
                        Error = new CsvSyntaxError(NextLine + fieldLine, field + 1, "quote",
                            "a quoted field is never closed: the file ends inside it", AtEndOfInput: true);
                        return Outcome.Bad;
                    }

                    pos += quote + 1;
                    if (pos == data.Length && !_eof) return Outcome.NeedMore;
                    if (pos < data.Length && data[pos] == (byte)'"')
                    {
                        if (!Append("\""u8, ref written)) return TooLong(out consumed, lines);
                        pos++;
                        continue;
                    }

                    break;
                }

                _fieldLength[field] = written - _fieldStart[field];
                if (pos < data.Length && data[pos] is not ((byte)',' or (byte)'\r' or (byte)'\n'))
                    return SkipBadRecord(data, pos, field, lines, "quote",
                        "a character follows the closing quote of a quoted field (quotes inside a field must be doubled)", out consumed, out lines);
            }
            else
            {
                var rest = data[pos..];
                var stop = rest.IndexOfAny(UnquotedStops);
                if (stop < 0)
                {
                    if (!_eof) return Outcome.NeedMore;
                    stop = rest.Length;
                }

                if (!Append(rest[..stop], ref written)) return TooLong(out consumed, lines);
                _fieldLength[field] = stop;
                pos += stop;
            }

            field++;
            if (pos == data.Length)
            {
                if (!_eof) return Outcome.NeedMore;
                FieldCount = field;
                IsBlankLine = false; // a record at the end of the input without a line end has at least one byte
                consumed = pos;
                return Outcome.Done;
            }

            var c = data[pos];
            if (c == (byte)',') { pos++; continue; }
            if (c == (byte)'\r')
            {
                if (pos + 1 == data.Length && !_eof) return Outcome.NeedMore;
                pos++;
                if (pos < data.Length && data[pos] == (byte)'\n') pos++;
            }
            else
            {
                pos++;
            }

            lines++;
            FieldCount = field;
            IsBlankLine = field == 1 && data[0] is (byte)'\r' or (byte)'\n';
            consumed = pos;
            return Outcome.Done;
        }
    }

    /// <summary>Records the error and moves past the rest of the physical line, so reading can go on.</summary>
    private Outcome SkipBadRecord(ReadOnlySpan<byte> data, int at, int field, int linesSoFar, string rule, string message,
        out int consumed, out int lines)
    {
        var newline = data[at..].IndexOf((byte)'\n');
        if (newline < 0 && !_eof) { consumed = 0; lines = 0; return Outcome.NeedMore; }
        Error = new CsvSyntaxError(NextLine + linesSoFar, field + 1, rule, message);
        consumed = newline < 0 ? data.Length : at + newline + 1;
        lines = linesSoFar + (newline < 0 ? 0 : 1);
        return Outcome.Bad;
    }

    private Outcome TooLong(out int consumed, int lines)
    {
        // Give up on this record entirely: what follows cannot be trusted to be in step.
        consumed = _end - _start;
        _eof = true;
        Error = new CsvSyntaxError(NextLine + lines, 0, "record_too_long",
            $"a record is longer than {MaxRecordBytes / (1024 * 1024)} MiB; an unclosed quote is the usual cause");
        return Outcome.Bad;
    }

    private bool Append(ReadOnlySpan<byte> bytes, ref int written)
    {
        if (written + bytes.Length > _record.Length)
        {
            if (written + bytes.Length > MaxRecordBytes) return false;
            Array.Resize(ref _record, Math.Max(_record.Length * 2, written + bytes.Length));
        }

        bytes.CopyTo(_record.AsSpan(written));
        written += bytes.Length;
        return true;
    }

    private void GrowFields()
    {
        Array.Resize(ref _fieldStart, _fieldStart.Length * 2);
        Array.Resize(ref _fieldLength, _fieldLength.Length * 2);
    }

    /// <summary>Moves unread bytes to the front and reads more. False at end of input with nothing new.</summary>
    private bool Fill()
    {
        if (_eof) return false;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _bytesBefore += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxRecordBytes * 2)
            {
                _eof = true;
                return true;
            }

            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        int read;
        try
        {
            read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException)
        {
            // From a decompressing stream (CompressedFile): what is buffered of the cut record cannot be trusted.
            _damaged = true;
            _eof = true;
            _end = _start;
            return false;
        }

        if (read == 0)
        {
            _eof = true;
            return _end > _start;
        }

        _end += read;
        return true;
    }

    private void SkipByteOrderMark()
    {
        while (_end < 3 && !_eof) Fill();
        if (_end >= 3 && _buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
        {
            HadByteOrderMark = true;
            _start = 3;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
