using HealthDw.Cli.Local;
using HealthDw.Core.Doctor;

namespace HealthDw.Cli.Doctor;

/// <summary>Locally, the canary starts its ingest-file execution as <c>healthdw drop</c> does, and waits for it to end.</summary>
public sealed class WorkflowIngestTrigger(DropRunner runner) : IIngestTrigger
{
    public async Task IngestAsync(string key, CancellationToken ct) => await runner.IngestAsync(key, ct);
}
