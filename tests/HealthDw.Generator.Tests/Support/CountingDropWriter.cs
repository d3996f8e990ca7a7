using HealthDw.Generator;

namespace HealthDw.Generator.Tests.Support;

/// <summary>Discards what is written and counts it: for large scales.</summary>
public sealed class CountingDropWriter : IDropWriter
{
    public long Bytes { get; private set; }

    public int Files { get; private set; }

    public Stream Create(string relativePath)
    {
        Files++;
        return new CountingStream(this);
    }

    private sealed class CountingStream(CountingDropWriter owner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => owner.Bytes += count;

        public override void Write(ReadOnlySpan<byte> buffer) => owner.Bytes += buffer.Length;
    }
}
