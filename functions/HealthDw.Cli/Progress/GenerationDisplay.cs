using HealthDw.Generator;
using Spectre.Console;

namespace HealthDw.Cli.Progress;

/// <summary>
/// Shows a drop's generation file by file: in a terminal, a live line naming the file being written and its size so far,
/// and a line per file written; otherwise only the line per file written. Names and sizes only.
/// </summary>
public sealed class GenerationDisplay(IAnsiConsole console, bool interactive)
{
    /// <summary>Runs the generation with a writer that reports each file, the live line up in a terminal.</summary>
    public T Show<T>(IDropWriter writer, Func<IDropWriter, T> generate)
    {
        if (!interactive) return generate(new ReportingDropWriter(writer, null, Written));

        return console.Status().Spinner(Spinner.Known.Dots).Start("generating", status =>
            generate(new ReportingDropWriter(writer, (path, bytes) => status.Status($"generating {Markup.Escape(path)}: {DataSize.Format(bytes)}"),
                Written)));
    }

    private void Written(string path, long bytes) => console.MarkupLine($"  wrote {Markup.Escape(path)} ({DataSize.Format(bytes)})");

    /// <summary>Passes each file through, counting what is written into it.</summary>
    private sealed class ReportingDropWriter(IDropWriter inner, Action<string, long>? writing, Action<string, long> written) : IDropWriter
    {
        public Stream Create(string relativePath) => new CountingStream(inner.Create(relativePath), relativePath, writing, written);
    }

    private sealed class CountingStream(Stream inner, string path, Action<string, long>? writing, Action<string, long> written) : Stream
    {
        private const long ReportEvery = 4L * 1024 * 1024;
        private long _bytes;
        private long _reported;
        private bool _closed;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _bytes;
        public override long Position { get => _bytes; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            _bytes += buffer.Length;
            if (writing is not null && _bytes - _reported >= ReportEvery)
            {
                _reported = _bytes;
                writing(path, _bytes);
            }
        }

        public override void WriteByte(byte value) => Write([value]);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_closed)
            {
                _closed = true;
                inner.Dispose();
                written(path, _bytes);
            }

            base.Dispose(disposing);
        }
    }
}
