using System.IO.Compression;

namespace HealthDw.Generator.Csv;

/// <summary>Files of one table in a drop: <c>&lt;table&gt;_&lt;drop&gt;.csv</c> or <c>..._part&lt;N&gt;.csv</c>, with <c>.gz</c>
/// and gzip-compressed as written when <paramref name="gzip"/> is set.</summary>
internal sealed class DropPartTarget(IDropWriter writer, string table, string dropId, ICollection<GeneratedFile> files, bool gzip = false)
    : IPartTarget
{
    public static string FileName(string table, string dropId, int? part, bool gzip = false) =>
        (part is null ? $"{table}_{dropId}.csv" : $"{table}_{dropId}_part{part.Value}.csv") + (gzip ? ".gz" : "");

    public Stream Open(int? part)
    {
        var file = writer.Create(FileName(table, dropId, part, gzip)) ?? throw new InvalidOperationException("The drop writer returned no stream.");
        return gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
    }

    public void Release(Stream stream) => stream.Dispose();

    public void Completed(int? part, long rows, long bytes, string sha256) =>
        files.Add(new GeneratedFile(FileName(table, dropId, part, gzip), table, part, rows, bytes, sha256));
}
