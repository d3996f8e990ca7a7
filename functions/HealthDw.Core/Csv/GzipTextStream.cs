using System.Buffers.Binary;
using System.IO.Compression;

namespace HealthDw.Core.Csv;

/// <summary>
/// gzip's text, failing on a truncated file. zlib checks each member's CRC-32 and length when it reaches the member's
/// trailer, but a stream cut before a trailer just ends. So at the end, the last 4 bytes of the file (the final
/// trailer's ISIZE: the text's length modulo 2^32, RFC 1952 §2.3.1) must equal the text read. For a file of several
/// gzip members (concatenated .gz files) ISIZE counts the last member only: such a file is refused as truncated, and
/// must be recompressed as one member.
/// </summary>
internal sealed class GzipTextStream : ReadOnlyStream
{
    private readonly TailStream _source;
    private readonly GZipStream _gzip;
    private long _length;
    private bool _ended;

    public GzipTextStream(Stream content)
    {
        _source = new TailStream(content);
        _gzip = new GZipStream(_source, CompressionMode.Decompress);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_ended || buffer.IsEmpty) return 0;
        var read = _gzip.Read(buffer);
        _length += read;
        if (read > 0) return read;
        _ended = true;
        if (!_source.EndsWith((uint)_length))
            throw new InvalidDataException(_length == 0
                ? "the data is not gzip, or is empty"
                : "the gzip data ends before its trailer: the file is truncated (or holds several gzip members)");
        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>Passes the compressed bytes through, keeping the last 8 it has seen (a trailer: CRC-32, ISIZE).</summary>
    private sealed class TailStream(Stream inner) : ReadOnlyStream
    {
        private readonly byte[] _tail = new byte[8];
        private long _total;

        public bool EndsWith(uint isize)
        {
            if (_total < 18) return false; // a gzip member is at least a 10-byte header, empty deflate data and the trailer
            Span<byte> last = stackalloc byte[4];
            for (var i = 0; i < 4; i++) last[i] = _tail[(int)((_total - 4 + i) % 8)];
            return BinaryPrimitives.ReadUInt32LittleEndian(last) == isize;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            for (var i = Math.Max(0, read - 8); i < read; i++) _tail[(int)((_total + i) % 8)] = buffer[i];
            _total += read;
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
