namespace HealthDw.Cli.Local;

/// <summary>
/// Forwards a step's progress (the Load step's rows and bytes, publish's models and checks) to whatever display the CLI
/// has up at the moment: the steps are wired once, when the pipeline opens, and the displays come and go.
/// </summary>
public sealed class ProgressRelay<T> : IProgress<T>
{
    public IProgress<T>? Target { get; set; }

    public void Report(T value) => Target?.Report(value);
}
