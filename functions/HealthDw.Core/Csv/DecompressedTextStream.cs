using System.Buffers.Binary;
using System.IO.Compression;

namespace HealthDw.Core.Csv;

/// <summary>
/// A compressed file's text, failing on a truncated file: .NET's decompressing streams end a cut-off stream without an
/// error (gzip, zlib, raw deflate and Brotli alike), so the end is checked here, once the decompressor stops giving text.
/// <list type="bullet">
/// <item>gzip: zlib checks each member's CRC-32 and length when it reaches the member's trailer, but a stream cut before
/// a trailer just ends. So the last 4 bytes of the file (the final trailer's ISIZE: the text's length modulo 2^32, RFC
/// 1952 §2.3.1) must equal the text read. For a file of several gzip members (concatenated .gz files) ISIZE counts the
/// last member only: such a file is refused as truncated, and must be recompressed as one member.</item>
/// <item>zlib (RFC 1950), raw deflate (RFC 1951), Brotli (RFC 7932): each stream marks its own last block. A decompressor
/// that has read that block asks its source for nothing more; one whose input ran out first asks again each time it is
/// read. So, once the text stops, one more read must not reach past the end of the file. (zlib's Adler-32 is checked by
/// zlib itself when the trailer is there.)</item>
/// </list>
/// Brotli's decoder reports bad data as <see cref="InvalidOperationException"/>: it is turned into the
/// <see cref="InvalidDataException"/> every other decompressor throws, which <see cref="CsvReader"/> reports as an
/// <c>encoding</c> problem.
/// </summary>
internal sealed class DecompressedTextStream : ReadOnlyStream
{
    private readonly WatchedStream _source;
    private readonly Stream _decompressor;
    private readonly FileCompression _compression;
    private readonly bool _checkEnd;
    private long _length;
    private bool _ended;

    /// <param name="checkEnd">False for a ranged read of the file's start, which ends mid-stream by design.</param>
    public DecompressedTextStream(Stream content, FileCompression compression, bool checkEnd)
    {
        _source = new WatchedStream(content);
        _compression = compression;
        _checkEnd = checkEnd;
        _decompressor = compression switch
        {
            FileCompression.Gzip => new GZipStream(_source, CompressionMode.Decompress),
            FileCompression.Deflate => new ZLibStream(_source, CompressionMode.Decompress),
            FileCompression.RawDeflate => new DeflateStream(_source, CompressionMode.Decompress),
            FileCompression.Brotli => new BrotliStream(_source, CompressionMode.Decompress),
            _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "not a compression"),
        };
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_ended || buffer.IsEmpty) return 0;
        var read = Decompress(buffer);
        _length += read;
        if (read > 0) return read;
        _ended = true;
        if (!_checkEnd) return 0;
        var name = CompressedFile.Name(_compression);
        if (_length == 0)
            throw new InvalidDataException($"the data is not {name}, or is empty");
        if (_compression == FileCompression.Gzip ? !_source.EndsWith((uint)_length) : !EndedAtItsMark())
        {
            throw new InvalidDataException(_compression == FileCompression.Gzip
                ? "the gzip data ends before its trailer: the file is truncated (or holds several gzip members)"
                : $"the {name} data ends before its last block: the file is truncated");
        }

        return 0;
    }

    /// <summary>True when the decompressor reached its stream's end mark: read again, it asks its source for nothing.</summary>
    private bool EndedAtItsMark()
    {
        var askedAtEnd = _source.ReadsAtEnd;
        Span<byte> probe = stackalloc byte[1];
        return Decompress(probe) == 0 && _source.ReadsAtEnd == askedAtEnd;
    }

    private int Decompress(Span<byte> buffer)
    {
        try
        {
            return _decompressor.Read(buffer);
        }
        catch (InvalidOperationException e) when (_compression == FileCompression.Brotli)
        {
            throw new InvalidDataException("the data is not Brotli, or is damaged", e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _decompressor.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>Passes the compressed bytes through, keeping the last 8 it has seen (a gzip trailer: CRC-32, ISIZE), and
    /// counting the reads made after the end of the file.</summary>
    private sealed class WatchedStream(Stream inner) : ReadOnlyStream
    {
        private readonly byte[] _tail = new byte[8];
        private long _total;

        public int ReadsAtEnd { get; private set; }

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
            if (read == 0 && !buffer.IsEmpty) ReadsAtEnd++;
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
