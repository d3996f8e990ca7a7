namespace HealthDw.Core.Drops;

/// <summary>
/// A manifest that cannot be read as warehouse/schemas/manifest.schema.json describes, with the manifest's name and,
/// when known, the line and column (1-based, columns in bytes) of the mistake. The problem names fields, never values.
/// </summary>
public sealed class ManifestException(string name, int? line, int? column, string problem)
    : Exception(line is null ? $"{name}: {problem}" : $"{name}: {problem} (line {line}, column {column})")
{
    public string Name { get; } = name;
    public int? Line { get; } = line;
    public int? Column { get; } = column;
    public string Problem { get; } = problem;
}
