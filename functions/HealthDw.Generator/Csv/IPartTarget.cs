namespace HealthDw.Generator.Csv;

/// <summary>Where a <see cref="CsvTableWriter"/> puts its file, or its parts.</summary>
internal interface IPartTarget
{
    /// <summary>Opens the file for a part; <paramref name="part"/> is null when the table is not split.</summary>
    Stream Open(int? part);

    /// <summary>Gives back a stream from <see cref="Open"/>, complete or not.</summary>
    void Release(Stream stream);

    /// <summary>Reports a completed file (after <see cref="Release"/>).</summary>
    void Completed(int? part, long rows, long bytes, string sha256);
}
