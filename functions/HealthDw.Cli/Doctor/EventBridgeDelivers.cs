using HealthDw.Core.Doctor;

namespace HealthDw.Cli.Doctor;

/// <summary>On AWS the upload itself starts ingest-file (S3 → EventBridge rule → Step Functions): the canary only writes the
/// object and waits, which also proves the bucket's events and the rule.</summary>
public sealed class EventBridgeDelivers : IIngestTrigger
{
    public Task IngestAsync(string key, CancellationToken ct) => Task.CompletedTask;
}
