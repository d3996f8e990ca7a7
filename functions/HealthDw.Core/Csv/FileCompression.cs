namespace HealthDw.Core.Csv;

/// <summary>
/// How a file's bytes are compressed, from its name (<see cref="CompressedFile.Of"/>). Lines and columns always refer to
/// the decompressed text.
/// <para>Only gzip is read. Snowflake's COPY also reads BZ2, ZSTD, BROTLI, DEFLATE and RAW_DEFLATE (COPY INTO &lt;table&gt;,
/// format type option COMPRESSION), but .NET has no bzip2 or zstd reader, and its Brotli and raw-deflate readers end a
/// truncated stream silently (neither format carries a length to check it against), so a cut-off file would load part of
/// its rows: those names stay unrouted.</para>
/// </summary>
public enum FileCompression
{
    /// <summary>Plain text.</summary>
    None,

    /// <summary>gzip (RFC 1952), <c>.gz</c>: Snowflake's <c>COMPRESSION = GZIP</c>.</summary>
    Gzip,
}
