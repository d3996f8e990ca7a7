namespace HealthDw.Generator.Csv;

/// <summary>Files of one table in a drop: <c>&lt;table&gt;_&lt;drop&gt;.csv</c> or <c>..._part&lt;N&gt;.csv</c>.</summary>
internal sealed class DropPartTarget(IDropWriter writer, string table, string dropId, ICollection<GeneratedFile> files) : IPartTarget
{
    public static string FileName(string table, string dropId, int? part) =>
        part is null ? $"{table}_{dropId}.csv" : $"{table}_{dropId}_part{part.Value}.csv";

    public Stream Open(int? part) =>
        writer.Create(FileName(table, dropId, part)) ?? throw new InvalidOperationException("The drop writer returned no stream.");

    public void Release(Stream stream) => stream.Dispose();

    public void Completed(int? part, long rows, long bytes, string sha256) =>
        files.Add(new GeneratedFile(FileName(table, dropId, part), table, part, rows, bytes, sha256));
}
