namespace HealthDw.Generator;

/// <summary>How the generator compresses a drop's table files: each is one of the compressions the pipeline reads by the
/// file's suffix (HealthDw.Core.Csv.CompressedFile), as Snowflake names them in COMPRESSION.</summary>
public enum ExtractCompression
{
    /// <summary>Plain <c>.csv</c>.</summary>
    None,

    /// <summary><c>.csv.gz</c> (gzip, RFC 1952).</summary>
    Gzip,

    /// <summary><c>.csv.br</c> (Brotli, RFC 7932).</summary>
    Brotli,

    /// <summary><c>.csv.deflate</c> (zlib header and trailer, RFC 1950).</summary>
    Deflate,

    /// <summary><c>.csv.raw_deflate</c> (deflate without header, RFC 1951).</summary>
    RawDeflate,
}
