using HealthDw.Core.Checks;
using HealthDw.Core.Drops;
using HealthDw.Core.Models;
using HealthDw.Core.Ports;
using HealthDw.Core.Sql;

namespace HealthDw.Core.Publishing;

/// <summary>
/// Write-audit-publish for one drop, in the phases the publish-drop workflow shows as states: Build Models (every model
/// into the drop's build schema), Run Checks (there), Reconcile (control totals), and Publish or Discard (swap the build in
/// only when no fail-level check failed and the totals agree; otherwise drop it, and the live analytics stay as they were).
/// Building and checking are submitted to the warehouse and polled, so no call waits for a long statement; what a phase
/// found travels to the next one in the workflow's state (<see cref="BuildProgress"/>, <see cref="CheckProgress"/>).
/// </summary>
/// <param name="steps">Each model and each check as it runs, for a display (the local CLI's).</param>
public sealed class DropPublisher(AnalyticsProject project, ISqlRunner sql, ISqlDialect dialect, IStatementRunner statements, ICheckHistory history,
    IClock clock, IProgress<PublishProgress>? steps = null)
{
    /// <summary>Build Models: a fresh build schema, and the first models submitted.</summary>
    public Task<BuildProgress> BuildAsync(string dropId, DateTimeOffset asOf, IProgress<string>? progress, CancellationToken ct)
    {
        var target = BuildTarget.ForDrop(dropId, asOf);
        progress?.Report($"building {project.Models.Models.Count} models into {target.BuildSchema}");
        return Guarded(target, () => new ModelRunner(sql, dialect, steps: steps).StartAsync(project.Models, target, statements, clock.Now, ct));
    }

    /// <summary>Check Models: one look at the models under way. A model the warehouse refused ends the build (its schema is
    /// dropped) with an error naming the model, once nothing else runs.</summary>
    public Task<BuildProgress> PollBuildAsync(string dropId, DateTimeOffset asOf, BuildProgress build, IProgress<ModelRun>? progress, CancellationToken ct)
    {
        var target = BuildTarget.ForDrop(dropId, asOf);
        return Guarded(target, async () =>
        {
            var next = await new ModelRunner(sql, dialect, steps: steps).PollAsync(project.Models, target, statements, build, progress, clock.Now, ct);
            if (next.Failure is { } failure && next.Running == 0) throw new WarehouseSqlException("", failure);
            return next;
        });
    }

    /// <summary>Run Checks: every table's checks submitted against the build.</summary>
    public Task<CheckProgress> CheckAsync(string dropId, DateTimeOffset asOf, IProgress<string>? progress, CancellationToken ct)
    {
        var target = BuildTarget.ForDrop(dropId, asOf);
        progress?.Report($"running {project.Checks.Count} checks");
        return Guarded(target, () => new CheckRunner(sql, dialect, steps).StartAsync(project.Checks, AnalyticsProject.RelationsIn(target.BuildSchema), asOf,
            statements, clock.Now, ct));
    }

    /// <summary>Check Checks: one look at the checks under way; a query the warehouse refused ends the build, naming the checks.</summary>
    public Task<CheckProgress> PollChecksAsync(string dropId, DateTimeOffset asOf, CheckProgress checks, CancellationToken ct)
    {
        var target = BuildTarget.ForDrop(dropId, asOf);
        return Guarded(target, async () =>
        {
            var next = await new CheckRunner(sql, dialect, steps).PollAsync(project.Checks, AnalyticsProject.RelationsIn(target.BuildSchema), asOf, statements,
                checks, clock.Now, ct);
            if (next.Failure is { } failure && next.Running == 0) throw new WarehouseSqlException("", failure);
            return next;
        });
    }

    /// <summary>Reconcile: the control totals of the build (reconciliations.yml), and the manifest's that Check Drop found.</summary>
    public Task<IReadOnlyList<Reconciliation.Line>> ReconcileAsync(string dropId, DateTimeOffset asOf, DropState? state, CancellationToken ct)
    {
        var target = BuildTarget.ForDrop(dropId, asOf);
        return Guarded(target, () => Reconciliation.RunAsync(sql, dialect, project.Reconciliations, target, state?.ControlTotals, ct));
    }

    /// <summary>Publish or Discard: samples the rows that broke a check, decides, swaps the build in or drops it, and keeps
    /// the decision in the audit trail.</summary>
    /// <param name="state">The drop as Check Drop found it (its manifest mismatches block the publish).</param>
    public async Task<PublishOutcome> FinishAsync(string dropId, DateTimeOffset asOf, DropState? state, BuildProgress build, CheckProgress checks,
        IReadOnlyList<Reconciliation.Line> totals, IProgress<string>? progress, CancellationToken ct)
    {
        var target = BuildTarget.ForDrop(dropId, asOf);
        var runner = new ModelRunner(sql, dialect);
        var results = await Guarded(target, () => new CheckRunner(sql, dialect).SampleAsync(
            checks.Results.Select(v => v.ToResult(project.Checks)).ToList(), AnalyticsProject.RelationsIn(target.BuildSchema), project.KeyOf, ct));
        var models = build.Models.Select(m => new ModelRun(m.Model, project.Models.Models[m.Model].Config.Materialized, m.Merged,
            TimeSpan.FromSeconds(m.Seconds ?? 0))).ToList();
        var outcome = new PublishOutcome(dropId, false, models, results, totals, state?.Mismatches ?? [], TimeSpan.Zero);
        var publish = outcome.Blockers.Count == 0;
        if (publish) await runner.PublishAsync(project.Models, target, ct);
        else await runner.DiscardAsync(target, ct);
        // One instant for both: the decision's time less its duration is the build's start, which tells the loads the
        // build may have missed (loaded at or after it) from those it saw.
        var decidedAt = clock.Now;
        outcome = outcome with { Published = publish, Duration = decidedAt - build.StartedAt };
        await history.RecordAsync(outcome, decidedAt, ct);
        progress?.Report(publish ? "published" : $"blocked: {DropDigest.Problems(outcome.Blockers.Count)}");
        return outcome;
    }

    /// <summary>Every phase in one call, polling in process: for tests and tools that hold no workflow. The workflow runs
    /// the same phases as states.</summary>
    public async Task<PublishOutcome> PublishAsync(string dropId, DateTimeOffset asOf, DropState? state, IProgress<string>? progress, CancellationToken ct)
    {
        var build = await BuildAsync(dropId, asOf, progress, ct);
        while (!build.Done)
        {
            await Task.Delay(InProcessPause, ct);
            build = await PollBuildAsync(dropId, asOf, build, null, ct);
        }

        var checks = await CheckAsync(dropId, asOf, progress, ct);
        while (!checks.Done)
        {
            await Task.Delay(InProcessPause, ct);
            checks = await PollChecksAsync(dropId, asOf, checks, ct);
        }

        return await FinishAsync(dropId, asOf, state, build, checks, await ReconcileAsync(dropId, asOf, state, ct), progress, ct);
    }

    private static readonly TimeSpan InProcessPause = TimeSpan.FromMilliseconds(20);

    /// <summary>A phase the warehouse refused drops the build: a build that cannot finish is not left behind. A passing
    /// failure (a lost connection) leaves it, because the workflow retries the phase on it.</summary>
    private async Task<T> Guarded<T>(BuildTarget target, Func<Task<T>> phase)
    {
        try
        {
            return await phase();
        }
        catch (WarehouseSqlException)
        {
            try
            {
                await new ModelRunner(sql, dialect).DiscardAsync(target, CancellationToken.None);
            }
            catch (Exception)
            {
                // Best effort: the next build of the drop drops the schema first; the error to report is the one above.
            }

            throw;
        }
    }
}
