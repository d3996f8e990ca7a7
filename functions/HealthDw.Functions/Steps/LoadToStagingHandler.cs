using HealthDw.Core.Configuration;
using HealthDw.Core.Loading;
using HealthDw.Core.Ports;

namespace HealthDw.Functions.Steps;

/// <summary>Load To Staging: every row checked and bulk-copied in one transaction with its ledger row. Where the
/// warehouse loads asynchronously (Snowflake's COPY), a long load answers "running" with a handle, and Check Load
/// (<see cref="ResumeAsync"/>) finishes it after the workflow's Wait: no Lambda is held while the warehouse works.
/// A version another execution refused and archived meanwhile (two drops of one bad file) is <c>already_rejected</c>.</summary>
public sealed class LoadToStagingHandler(PipelineConfig config, IFileLoader loader, ArchivedVersion archived)
{
    public async Task<FileVerdict> HandleAsync(RoutedFile file, IProgress<FileLoadProgress>? progress, CancellationToken ct)
    {
        try
        {
            if (loader is IResumableFileLoader resumable)
                return ToResult(await resumable.StartAsync(file, config.Contract(file.Table), ct));
            return ToResult(await loader.LoadAsync(file, config.Contract(file.Table), progress, ct));
        }
        catch (ObjectVersionGoneException)
        {
            if (!await archived.RejectedAndArchivedAsync(file.Object, file.DropId.Value, ct)) throw;
            return ArchivedVersion.AlreadyRejected("load", file.Size);
        }
    }

    public async Task<FileVerdict> ResumeAsync(LoadStatusRequest request, CancellationToken ct)
    {
        if (loader is not IResumableFileLoader resumable)
            throw new StepFailedException(StepFailedException.BadInput, "this warehouse loads synchronously: there is no running load to check");
        return ToResult(await resumable.ResumeAsync(request.Handle, request.File, config.Contract(request.File.Table), ct));
    }

    private static FileVerdict ToResult((LoadOutcome? Outcome, LoadHandle? Handle) step) =>
        step.Outcome is { } outcome
            ? ToResult(outcome)
            : new FileVerdict(StepStatus.Running, "load", step.Handle!.LoadId, 0, 0, 0, 0, [], [], step.Handle);

    private static FileVerdict ToResult(LoadOutcome outcome)
    {
        var status = outcome.Status switch
        {
            LoadStatus.Loaded => StepStatus.Loaded,
            LoadStatus.AlreadyLoaded => StepStatus.AlreadyLoaded,
            _ => StepStatus.Rejected,
        };
        return new FileVerdict(status, "load", outcome.LoadId, outcome.Rows, outcome.Bytes, (long)outcome.Duration.TotalMilliseconds,
            outcome.ProblemCount, ProblemDto.ListFrom(outcome.Problems), outcome.DeferredReferences);
    }
}
