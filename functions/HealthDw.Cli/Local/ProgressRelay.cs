namespace HealthDw.Cli.Local;

/// <summary>Forwards the Load step's byte progress to whatever display the CLI has for the current file.</summary>
public sealed class ProgressRelay : IProgress<long>
{
    public IProgress<long>? Target { get; set; }

    public void Report(long value) => Target?.Report(value);
}
