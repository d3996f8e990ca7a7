using System.IO.Compression;

namespace HealthDw.Core.Csv;

/// <summary>
/// Reads a file's text through its compression, as a stream: memory stays one decompressor window and one buffer,
/// whatever the file's size. Damaged or truncated compressed data surfaces as <see cref="InvalidDataException"/>, which
/// <see cref="CsvReader"/> turns into an <c>encoding</c> problem at the line where the text stops.
/// </summary>
public static class CompressedFile
{
    /// <summary>The most text the Validate step decompresses from its ranged read: a bound on a small, very compressible
    /// prefix (a zip bomb), and still many lines of any real extract.</summary>
    public const int MaxPrefixText = 1 << 20;

    /// <summary>The compression a key's name declares: <c>.gz</c> is gzip (any case); anything else is plain.</summary>
    public static FileCompression Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? FileCompression.Gzip : FileCompression.None;
    }

    /// <summary>The file's text. For gzip, the end of the data is checked against the gzip trailer's length, so a
    /// truncated file fails instead of ending early (.NET's GZipStream ends a cut-off stream without an error).</summary>
    public static Stream Open(Stream content, FileCompression compression)
    {
        ArgumentNullException.ThrowIfNull(content);
        return compression switch
        {
            FileCompression.None => content,
            FileCompression.Gzip => new GzipTextStream(content),
            _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, null),
        };
    }

    /// <summary>
    /// The text at the start of a file, from the first bytes of its (possibly compressed) content: for a compressed
    /// prefix, as much text as those bytes decompress to, up to <see cref="MaxPrefixText"/>.
    /// </summary>
    /// <param name="prefix">The first bytes of the file as stored.</param>
    /// <param name="wholeFile">True when <paramref name="prefix"/> is the whole stored file.</param>
    /// <param name="complete">True when the text returned is the file's whole text.</param>
    /// <param name="damaged">True when the compressed bytes stop decompressing (not gzip, or damaged, or, for a whole file,
    /// truncated); the text returned is what came before.</param>
    public static byte[] PrefixText(byte[] prefix, FileCompression compression, bool wholeFile, out bool complete, out bool damaged)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        damaged = false;
        if (compression == FileCompression.None)
        {
            complete = wholeFile;
            return prefix;
        }

        var source = new MemoryStream(prefix, writable: false);
        // A partial prefix ends mid-stream by design: only a whole file is held to its trailer.
        using var text = wholeFile ? Open(source, compression) : new GZipStream(source, CompressionMode.Decompress);
        var buffer = new byte[MaxPrefixText + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = text.Read(buffer, length, buffer.Length - length)) > 0)
                length += read;
        }
        catch (InvalidDataException)
        {
            damaged = true;
        }

        complete = wholeFile && !damaged && length <= MaxPrefixText;
        return buffer[..Math.Min(length, MaxPrefixText)];
    }
}
