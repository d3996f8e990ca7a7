namespace HealthDw.Core.Configuration;

/// <summary>
/// A mistake in the pipeline's configuration (routes, contracts), reported with the file and
/// position so the person who edited it can go straight to the line.
/// </summary>
public sealed class ConfigException(string file, int line, int column, string problem)
    : Exception($"{file}:{line}:{column}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Problem { get; } = problem;
}
