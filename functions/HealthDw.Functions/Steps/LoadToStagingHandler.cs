using HealthDw.Core.Configuration;
using HealthDw.Core.Loading;

namespace HealthDw.Functions.Steps;

/// <summary>Load To Staging: every row checked and bulk-copied in one transaction with its ledger row.</summary>
public sealed class LoadToStagingHandler(PipelineConfig config, IFileLoader loader)
{
    public async Task<CheckResult> HandleAsync(FileRef file, IProgress<long>? progress, CancellationToken ct)
    {
        var outcome = await loader.LoadAsync(file.ToLoad(), config.Contract(file.Table!), progress, ct);
        var status = outcome.Status switch
        {
            LoadStatus.Loaded => StepStatus.Loaded,
            LoadStatus.AlreadyLoaded => StepStatus.AlreadyLoaded,
            _ => StepStatus.Rejected,
        };
        return new CheckResult(status, "load", outcome.LoadId, outcome.Rows, outcome.Bytes, (long)outcome.Duration.TotalMilliseconds,
            outcome.ProblemCount, outcome.Problems.Select(ProblemDto.From).ToList(), outcome.DeferredReferences);
    }
}
