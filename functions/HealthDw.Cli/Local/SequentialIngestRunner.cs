using HealthDw.Functions.Events;
using HealthDw.Functions.Steps;

namespace HealthDw.Cli.Local;

/// <summary>
/// Runs one file through Route → Validate → Load → Archive, in order, in process.
/// (The Step Functions definition takes this role once the workflow lands.)
/// </summary>
public sealed class SequentialIngestRunner(
    RouteFileHandler route, ValidateFileHandler validate, LoadToStagingHandler load, ArchiveFileHandler archive)
{
    public async Task<IngestOutcome> RunAsync(S3ObjectCreatedEvent e, IProgress<long>? progress, CancellationToken ct)
    {
        var routed = route.Handle(e);
        switch (routed.Kind)
        {
            case StepStatus.Ignored:
                return new IngestOutcome(routed, null, null);
            case StepStatus.Unknown:
                return new IngestOutcome(routed, routed.Verdict, await archive.HandleAsync(new ArchiveRequest(routed.File, routed.Verdict), ct));
            case StepStatus.Control:
                return new IngestOutcome(routed, null, await archive.HandleAsync(new ArchiveRequest(routed.File, null), ct));
        }

        var verdict = await validate.HandleAsync(routed.File, ct);
        if (!verdict.Rejected) verdict = await load.HandleAsync(routed.File, progress, ct);
        return new IngestOutcome(routed, verdict, await archive.HandleAsync(new ArchiveRequest(routed.File, verdict), ct));
    }
}
