using System.Collections.Concurrent;
using System.Diagnostics;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;
using HealthDw.Core.Sql;

namespace HealthDw.Core.Models;

/// <summary>
/// Write-audit-publish, the write and publish halves: builds every model of a drop into its own
/// build schema (level by level, independent models side by side), and later swaps that schema
/// in for the live one at once. Incremental models start from a copy of their live table and
/// MERGE the drop's rows on their unique key.
/// </summary>
/// <param name="steps">Told when each model starts and when it is built, as it happens (names and counts only).</param>
public sealed class ModelRunner(ISqlRunner sql, ISqlDialect dialect, int parallelism = 2, IProgress<PublishProgress>? steps = null)
{
    /// <summary>What the build being run makes, as each model is built.</summary>
    private readonly ConcurrentDictionary<string, BuiltRelation> _built = new(StringComparer.Ordinal);

    /// <summary>What the last build made, in build order (a level after the levels it reads), for a swap that moves
    /// relations one by one.</summary>
    private IReadOnlyList<BuiltRelation> _lastBuild = [];

    public async Task<IReadOnlyList<ModelRun>> BuildAsync(ModelProject project, BuildTarget target, IProgress<ModelRun>? progress, CancellationToken ct)
    {
        await sql.ExecuteAsync([$"drop schema if exists {target.BuildSchema} cascade", $"create schema {target.BuildSchema}"], atomic: true, ct);
        await RefreshSourceStatisticsAsync(project, target, ct);
        _built.Clear();
        var runs = new ConcurrentBag<ModelRun>();
        var total = project.Models.Count;
        var built = 0;
        foreach (var level in project.Levels)
        {
            await Parallel.ForEachAsync(level, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (model, token) =>
            {
                ModelRun run;
                steps?.Report(new PublishProgress(PublishProgressKind.ModelStarted, model.Name, Volatile.Read(ref built), total));
                try
                {
                    run = await BuildModelAsync(model, target, token);
                }
                catch (WarehouseSqlException e)
                {
                    throw e.About($"model {model.Name} ({model.File})");
                }

                runs.Add(run);
                steps?.Report(new PublishProgress(PublishProgressKind.ModelBuilt, model.Name, Interlocked.Increment(ref built), total,
                    Elapsed: run.Elapsed));
                progress?.Report(run);
            });
        }

        var order = project.InOrder.Select((m, i) => (m.Name, i)).ToDictionary(p => p.Name, p => p.i);
        _lastBuild = [.. _built.Values.OrderBy(r => order[r.Name])];
        return runs.OrderBy(r => order[r.Model]).ToList();
    }

    /// <summary>Replaces the live schema by the build schema in one transaction: readers see all of the old or all of the new.</summary>
    public Task PublishAsync(BuildTarget target, CancellationToken ct) =>
        sql.ExecuteAsync(dialect.SwapSchemas(target.LiveSchema, target.BuildSchema, _lastBuild), atomic: true, ct);

    /// <summary>The same swap for a build made by earlier calls (the workflow's Build Models): every model of the project was built.</summary>
    public Task PublishAsync(ModelProject project, BuildTarget target, CancellationToken ct) =>
        sql.ExecuteAsync(dialect.SwapSchemas(target.LiveSchema, target.BuildSchema, project.InOrder.Select(m => Relation(m, target)).ToList()),
            atomic: true, ct);

    /// <summary>Drops a build that will not be published (its checks failed): the live schema is untouched.</summary>
    public Task DiscardAsync(BuildTarget target, CancellationToken ct) =>
        sql.ExecuteAsync([$"drop schema if exists {target.BuildSchema} cascade"], atomic: true, ct);

    /// <summary>Build Models: a fresh build schema, then every model whose refs are built submitted without waiting for it
    /// (each as one statement; the warehouse queues them). The workflow then polls with <see cref="PollAsync"/>.</summary>
    public async Task<BuildProgress> StartAsync(ModelProject project, BuildTarget target, IStatementRunner statements, DateTimeOffset now,
        CancellationToken ct)
    {
        await sql.ExecuteAsync([$"drop schema if exists {target.BuildSchema} cascade", $"create schema {target.BuildSchema}"], atomic: true, ct);
        await RefreshSourceStatisticsAsync(project, target, ct);
        var models = project.InOrder.Select(m => new ModelProgress(m.Name, ModelProgress.Pending)).ToList();
        return await SubmitReadyAsync(project, target, statements, models, new BuildProgress(target.BuildSchema, now, models, false,
            PollSchedule.FirstWaitSeconds), now, ct);
    }

    /// <summary>Check Models: looks once at each model under way (reporting each one that ended, with its time), then
    /// submits the models that are now ready. After a failure nothing more is submitted; the failure is reported once the
    /// statements still running have ended (<see cref="BuildProgress.Failure"/>).</summary>
    public async Task<BuildProgress> PollAsync(ModelProject project, BuildTarget target, IStatementRunner statements, BuildProgress build,
        IProgress<ModelRun>? progress, DateTimeOffset now, CancellationToken ct)
    {
        var models = build.Models.ToList();
        var failure = build.Failure;
        for (var i = 0; i < models.Count; i++)
        {
            var entry = models[i];
            if (entry.Status != ModelProgress.Running || entry.Handle is null) continue;
            var status = await statements.StatusAsync(entry.Handle, ct);
            if (status.Running) continue;
            var elapsed = now - (entry.StartedAt ?? now);
            var model = project.Models[entry.Model];
            if (status.Error is { } error)
            {
                models[i] = entry with { Status = ModelProgress.Failed, Handle = null, Seconds = elapsed.TotalSeconds };
                failure ??= error.About($"model {model.Name} ({model.File})").Message;
                continue;
            }

            models[i] = entry with { Status = ModelProgress.Built, Handle = null, Seconds = elapsed.TotalSeconds };
            steps?.Report(new PublishProgress(PublishProgressKind.ModelBuilt, model.Name, models.Count(m => m.Status == ModelProgress.Built), models.Count,
                Elapsed: elapsed));
            progress?.Report(new ModelRun(model.Name, model.Config.Materialized, entry.Merged, elapsed));
        }

        return await SubmitReadyAsync(project, target, statements, models,
            build with { Failure = failure, WaitSeconds = PollSchedule.WaitSeconds(now - build.StartedAt) }, now, ct);
    }

    private async Task<BuildProgress> SubmitReadyAsync(ModelProject project, BuildTarget target, IStatementRunner statements,
        List<ModelProgress> models, BuildProgress build, DateTimeOffset now, CancellationToken ct)
    {
        var built = models.Where(m => m.Status == ModelProgress.Built).Select(m => m.Model).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < models.Count && build.Failure is null; i++)
        {
            var model = project.Models[models[i].Model];
            if (models[i].Status != ModelProgress.Pending || !model.Refs.All(r => built.Contains(r.Name))) continue;
            steps?.Report(new PublishProgress(PublishProgressKind.ModelStarted, model.Name, built.Count, models.Count));
            var (body, merged) = await StatementsAsync(model, target, ct);
            var handle = await statements.SubmitAsync(body, atomic: true, ct);
            models[i] = models[i] with { Status = ModelProgress.Running, Handle = handle, Merged = merged, StartedAt = now };
        }

        return build with { Models = models, Done = models.All(m => m.Status == ModelProgress.Built) };
    }

    /// <summary>
    /// The publish runs right after the drop's bulk loads, before the warehouse's own upkeep has looked at the new rows:
    /// refresh the statistics of the staging tables the models read that this drop loaded into (the others have not changed).
    /// </summary>
    private async Task RefreshSourceStatisticsAsync(ModelProject project, BuildTarget target, CancellationToken ct)
    {
        var sources = project.InOrder.SelectMany(m => m.Sources).Select(s => (Schema: s.Schema.ToLowerInvariant(), Table: s.Table.ToLowerInvariant()))
            .Distinct().ToList();
        if (sources.Count == 0 || dialect.RefreshStatistics(sources.Select(s => $"{s.Schema}.{s.Table}").ToList()).Count == 0) return;
        var drop = target.DropId.Replace("'", "''", StringComparison.Ordinal);
        var loaded = (await sql.QueryAsync($"select distinct table_name from {ModelRenderer.Ledger} where drop_id = '{drop}'", ct))
            .Select(r => ((string)r[0]!).ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var touched = sources.Where(s => loaded.Contains(s.Table)).Select(s => $"{s.Schema}.{s.Table}").Order(StringComparer.Ordinal).ToList();
        if (touched.Count > 0) await sql.ExecuteAsync(dialect.RefreshStatistics(touched), atomic: false, ct);
    }

    private async Task<ModelRun> BuildModelAsync(Model model, BuildTarget target, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var (statements, merge) = await StatementsAsync(model, target, ct);
        await sql.ExecuteAsync(statements, atomic: true, ct);
        _built[model.Name] = Relation(model, target);
        return new ModelRun(model.Name, model.Config.Materialized, merge, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The statements that build one model, run as one transaction; and whether it merges into a copy of its live
    /// table (an incremental model that has one). Only the look-ups of the catalog run here; the build itself is returned.</summary>
    private async Task<(IReadOnlyList<string> Statements, bool Merged)> StatementsAsync(Model model, BuildTarget target, CancellationToken ct)
    {
        var relation = $"{target.BuildSchema}.{model.Name}";
        var merge = model.Config.Materialized == Materialization.Incremental
                    && (await sql.QueryAsync(dialect.RelationExistsQuery(target.LiveSchema, model.Name), ct)).Count > 0;
        var body = ModelRenderer.Render(model, new RenderContext(dialect, relation, merge, target.DropId, target.AsOf));
        var use = dialect.UseSchema(target.BuildSchema);
        switch (model.Config.Materialized)
        {
            case Materialization.View:
                return ([use, $"create view {relation} as\n{body}"], false);
            case Materialization.Incremental when merge:
                // The copy has the live table's columns, so the live table's catalog answers for it before it exists.
                var columns = (await sql.QueryAsync(dialect.ColumnsQuery(target.LiveSchema, model.Name), ct)).Select(r => (string)r[0]!).ToList();
                return ([dialect.CloneTable($"{target.LiveSchema}.{model.Name}", relation), use, Merge(relation, body, model.Config.UniqueKey, columns),
                    .. dialect.RefreshStatistics([relation])], true);
            default:
                // Statistics of the new table before the models that ref it, and the checks, are planned on it.
                return ([use, $"create table {relation} as\n{body}", .. dialect.RefreshStatistics([relation])], false);
        }
    }

    /// <summary>A built model as the swap needs it: a view's query again (a view is re-created where the swap copies tables).</summary>
    private BuiltRelation Relation(Model model, BuildTarget target) => model.Config.Materialized == Materialization.View
        ? new BuiltRelation(model.Name, true,
            ModelRenderer.Render(model, new RenderContext(dialect, $"{target.BuildSchema}.{model.Name}", false, target.DropId, target.AsOf)))
        : new BuiltRelation(model.Name, false, "");

    private static string Merge(string relation, string body, IReadOnlyList<string> key, IReadOnlyList<string> columns)
    {
        var keys = key.Select(k => k.ToLowerInvariant()).ToList();
        var on = string.Join(" and ", keys.Select(k => $"t.{k} = s.{k}"));
        var update = string.Join(", ", columns.Where(c => !keys.Contains(c)).Select(c => $"{c} = s.{c}"));
        var insert = string.Join(", ", columns);
        var values = string.Join(", ", columns.Select(c => $"s.{c}"));
        return $"merge into {relation} as t\nusing (\n{body}\n) as s\non {on}\nwhen matched then update set {update}\nwhen not matched then insert ({insert}) values ({values})";
    }
}
