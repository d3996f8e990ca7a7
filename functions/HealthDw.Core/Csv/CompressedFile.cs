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

    /// <summary>The names a file may end with, and the compression each declares (the extensions Snowflake gives files it
    /// writes with that COMPRESSION).</summary>
    private static readonly (string Suffix, FileCompression Compression)[] Suffixes =
    [
        (".gz", FileCompression.Gzip), (".br", FileCompression.Brotli), (".deflate", FileCompression.Deflate),
        (".raw_deflate", FileCompression.RawDeflate),
    ];

    /// <summary>Compressions Snowflake reads that have no reader in .NET: refused by name, never read as text.</summary>
    private static readonly (string Suffix, string Name)[] NoReader = [(".bz2", "bzip2"), (".zst", "Zstandard"), (".zstd", "Zstandard")];

    /// <summary>The names a data file may have, for messages.</summary>
    public const string Accepted = ".csv, or compressed: .csv.gz (gzip), .csv.br (Brotli), .csv.deflate (zlib, RFC 1950) or .csv.raw_deflate (RFC 1951)";

    /// <summary>The compression a key's name declares, by its suffix (any case); anything else is plain.</summary>
    public static FileCompression Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var (suffix, compression) in Suffixes)
        {
            if (key.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return compression;
        }

        return FileCompression.None;
    }

    /// <summary>Why a file cannot be read, when its name declares a compression there is no reader for (.bz2, .zst);
    /// else null.</summary>
    public static string? Unreadable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (suffix, compression) in NoReader)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return $"{name} is {compression}-compressed, which this pipeline cannot read (.NET has no {compression} reader). "
                    + $"Send it as {Accepted}";
        }

        return null;
    }

    /// <summary>The compression's name in messages.</summary>
    public static string Name(FileCompression compression) => compression switch
    {
        FileCompression.Gzip => "gzip",
        FileCompression.Brotli => "Brotli",
        FileCompression.Deflate => "deflate (zlib)",
        FileCompression.RawDeflate => "raw deflate",
        _ => "plain text",
    };

    /// <summary>The file's text. The end of the compressed data is checked (<see cref="DecompressedTextStream"/>), so a
    /// truncated file fails instead of ending early (.NET's decompressors end a cut-off stream without an error).</summary>
    public static Stream Open(Stream content, FileCompression compression)
    {
        ArgumentNullException.ThrowIfNull(content);
        return compression == FileCompression.None ? content : new DecompressedTextStream(content, compression, checkEnd: true);
    }

    /// <summary>
    /// The text at the start of a file, from the first bytes of its (possibly compressed) content: for a compressed
    /// prefix, as much text as those bytes decompress to, up to <see cref="MaxPrefixText"/>.
    /// </summary>
    /// <param name="prefix">The first bytes of the file as stored.</param>
    /// <param name="wholeFile">True when <paramref name="prefix"/> is the whole stored file.</param>
    /// <param name="complete">True when the text returned is the file's whole text.</param>
    /// <param name="damaged">True when the compressed bytes stop decompressing (not that compression, or damaged, or, for a whole file,
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
        using var text = new DecompressedTextStream(source, compression, checkEnd: wholeFile);
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
