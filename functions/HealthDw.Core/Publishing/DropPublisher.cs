using System.Diagnostics;
using HealthDw.Core.Checks;
using HealthDw.Core.Drops;
using HealthDw.Core.Models;
using HealthDw.Core.Ports;
using HealthDw.Core.Sql;

namespace HealthDw.Core.Publishing;

/// <summary>
/// Write-audit-publish for one drop: build every model into the drop's build schema, run the
/// checks there, reconcile control totals, and swap the build in only when no fail-level check
/// failed and the totals agree. Otherwise the build is dropped and the live analytics stay as they were.
/// </summary>
/// <param name="steps">Each model and each check as it runs, for a display (the local CLI's).</param>
public sealed class DropPublisher(AnalyticsProject project, ISqlRunner sql, ISqlDialect dialect, ICheckHistory history, IClock clock,
    IProgress<PublishProgress>? steps = null)
{
    public async Task<PublishOutcome> PublishAsync(string dropId, DateTimeOffset asOf, DropState? state, IProgress<string>? progress, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var target = BuildTarget.ForDrop(dropId, asOf);
        var runner = new ModelRunner(sql, dialect, steps: steps);
        IReadOnlyList<ModelRun> models;
        IReadOnlyList<CheckResult> checks;
        IReadOnlyList<Reconciliation.Line> totals;
        try
        {
            progress?.Report($"building {project.Models.Models.Count} models into {target.BuildSchema}");
            models = await runner.BuildAsync(project.Models, target, null, ct);
            progress?.Report($"running {project.Checks.Count} checks");
            checks = await new CheckRunner(sql, dialect, steps).RunAsync(project.Checks, AnalyticsProject.RelationsIn(target.BuildSchema), asOf, ct,
                project.KeyOf);
            totals = await Reconciliation.RunAsync(sql, dialect, project.Reconciliations, target, state?.ControlTotals, ct);
        }
        catch (Exception)
        {
            try
            {
                await runner.DiscardAsync(target, CancellationToken.None); // a build that cannot finish is not left behind
            }
            catch (Exception)
            {
                // Best effort: the next build of the drop drops the schema first; the error to report is the one above.
            }

            throw;
        }

        var outcome = new PublishOutcome(dropId, false, models, checks, totals, state?.Mismatches ?? [], TimeSpan.Zero);
        var publish = outcome.Blockers.Count == 0;
        if (publish) await runner.PublishAsync(target, ct);
        else await runner.DiscardAsync(target, ct);
        outcome = outcome with { Published = publish, Duration = Stopwatch.GetElapsedTime(started) };
        await history.RecordAsync(outcome, clock.Now, ct);
        progress?.Report(publish ? "published" : $"blocked: {DropDigest.Problems(outcome.Blockers.Count)}");
        return outcome;
    }
}
