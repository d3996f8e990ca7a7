using HealthDw.Functions.Steps;

namespace HealthDw.Cli.Local;

/// <summary>What happened to one file: its route, the verdict of the last check, and where it went.</summary>
public sealed record IngestOutcome(RouteResult Route, CheckResult? Verdict, ArchiveResult? Archive)
{
    public string Status => Archive?.Outcome == StepStatus.Rejected ? StepStatus.Rejected
        : Verdict?.Status ?? Route.Kind;
}
