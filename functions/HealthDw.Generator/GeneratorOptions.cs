namespace HealthDw.Generator;

/// <summary>What to generate.</summary>
/// <param name="Scale">1 ≈ 10,000 patients and ~1M rows; counts scale linearly (small floors keep tiny scales consistent).</param>
/// <param name="Seed">Same seed, scale and drop id give byte-identical files.</param>
/// <param name="DropId">The drop's timestamp, <c>yyyyMMddTHHmm</c>, read as UTC; no generated timestamp is later.</param>
/// <param name="PartBytes">A table whose file would exceed this many bytes is split at row boundaries into parts.</param>
/// <param name="Faults">Also write one deliberately broken file per fault under <c>faults/&lt;fault&gt;/</c>.</param>
/// <param name="Compression">Write each table's files compressed, e.g. gzip as <c>.csv.gz</c> (the manifest names those
/// files; its bytes and sha256 are of the text, before compression). Fault files stay plain.</param>
public sealed record GeneratorOptions(
    double Scale,
    int Seed,
    string DropId,
    long PartBytes = 8 * 1024 * 1024,
    bool Faults = false,
    ExtractCompression Compression = ExtractCompression.None);
