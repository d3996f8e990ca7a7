using System.IO.Compression;

namespace HealthDw.Generator.Csv;

/// <summary>Files of one table in a drop: <c>&lt;table&gt;_&lt;drop&gt;.csv</c> or <c>..._part&lt;N&gt;.csv</c>, with the
/// <paramref name="compression"/>'s suffix and compressed as written when one is set.</summary>
internal sealed class DropPartTarget(IDropWriter writer, string table, string dropId, ICollection<GeneratedFile> files,
    ExtractCompression compression = ExtractCompression.None) : IPartTarget
{
    public static string FileName(string table, string dropId, int? part, ExtractCompression compression = ExtractCompression.None) =>
        (part is null ? $"{table}_{dropId}.csv" : $"{table}_{dropId}_part{part.Value}.csv") + compression switch
        {
            ExtractCompression.Gzip => ".gz",
            ExtractCompression.Brotli => ".br",
            ExtractCompression.Deflate => ".deflate",
            ExtractCompression.RawDeflate => ".raw_deflate",
            _ => "",
        };

    public Stream Open(int? part)
    {
        var file = writer.Create(FileName(table, dropId, part, compression)) ?? throw new InvalidOperationException("The drop writer returned no stream.");
        return compression switch
        {
            ExtractCompression.Gzip => new GZipStream(file, CompressionLevel.Fastest),
            ExtractCompression.Brotli => new BrotliStream(file, CompressionLevel.Fastest),
            ExtractCompression.Deflate => new ZLibStream(file, CompressionLevel.Fastest),
            ExtractCompression.RawDeflate => new DeflateStream(file, CompressionLevel.Fastest),
            _ => file,
        };
    }

    public void Release(Stream stream) => stream.Dispose();

    public void Completed(int? part, long rows, long bytes, string sha256) =>
        files.Add(new GeneratedFile(FileName(table, dropId, part, compression), table, part, rows, bytes, sha256));
}
