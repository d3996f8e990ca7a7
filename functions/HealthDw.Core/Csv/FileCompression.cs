namespace HealthDw.Core.Csv;

/// <summary>
/// How a file's bytes are compressed, from its name (<see cref="CompressedFile.Of"/>). Lines and columns always refer to
/// the decompressed text.
/// <para>These are the compressions Snowflake's COPY reads (CREATE FILE FORMAT, format type option COMPRESSION; "Preparing
/// to load data", data file compression) for which .NET has a reader. BZ2 and ZSTD have none in .NET, and are refused by
/// name (<see cref="CompressedFile.Unreadable"/>).</para>
/// </summary>
public enum FileCompression
{
    /// <summary>Plain text.</summary>
    None,

    /// <summary>gzip (RFC 1952), <c>.gz</c>: Snowflake's <c>COMPRESSION = GZIP</c>.</summary>
    Gzip,

    /// <summary>Brotli (RFC 7932), <c>.br</c>: Snowflake's <c>COMPRESSION = BROTLI</c>, which must be named: AUTO does not
    /// detect Brotli.</summary>
    Brotli,

    /// <summary>deflate with its zlib header and Adler-32 trailer (RFC 1950), <c>.deflate</c>: Snowflake's
    /// <c>COMPRESSION = DEFLATE</c>.</summary>
    Deflate,

    /// <summary>raw deflate, no header (RFC 1951), <c>.raw_deflate</c>: Snowflake's <c>COMPRESSION = RAW_DEFLATE</c>.</summary>
    RawDeflate,
}
