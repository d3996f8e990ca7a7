namespace HealthDw.Cli.Local;

/// <summary>Forwards the publish phases' lines (building, each model built, checks, the decision) to whatever display the
/// CLI has for the publish under way.</summary>
public sealed class LineRelay : IProgress<string>
{
    public IProgress<string>? Target { get; set; }

    public void Report(string value) => Target?.Report(value);
}
