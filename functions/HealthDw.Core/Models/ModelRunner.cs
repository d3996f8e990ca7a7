using System.Collections.Concurrent;
using System.Diagnostics;
using HealthDw.Core.Ports;
using HealthDw.Core.Sql;

namespace HealthDw.Core.Models;

/// <summary>
/// Write-audit-publish, the write and publish halves: builds every model of a drop into its own
/// build schema (level by level, independent models side by side), and later swaps that schema
/// in for the live one at once. Incremental models start from a copy of their live table and
/// MERGE the drop's rows on their unique key.
/// </summary>
public sealed class ModelRunner(ISqlRunner sql, ISqlDialect dialect, int parallelism = 2)
{
    public async Task<IReadOnlyList<ModelRun>> BuildAsync(ModelProject project, BuildTarget target, IProgress<ModelRun>? progress, CancellationToken ct)
    {
        await sql.ExecuteAsync([$"drop schema if exists {target.BuildSchema} cascade", $"create schema {target.BuildSchema}"], atomic: true, ct);
        var runs = new ConcurrentBag<ModelRun>();
        foreach (var level in project.Levels)
        {
            await Parallel.ForEachAsync(level, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (model, token) =>
            {
                ModelRun run;
                try
                {
                    run = await BuildModelAsync(model, target, token);
                }
                catch (WarehouseSqlException e)
                {
                    throw e.About($"model {model.Name} ({model.File})");
                }

                runs.Add(run);
                progress?.Report(run);
            });
        }

        var order = project.InOrder.Select((m, i) => (m.Name, i)).ToDictionary(p => p.Name, p => p.i);
        return runs.OrderBy(r => order[r.Model]).ToList();
    }

    /// <summary>Replaces the live schema by the build schema in one transaction: readers see all of the old or all of the new.</summary>
    public Task PublishAsync(BuildTarget target, CancellationToken ct) =>
        sql.ExecuteAsync(dialect.SwapSchemas(target.LiveSchema, target.BuildSchema), atomic: true, ct);

    /// <summary>Drops a build that will not be published (its checks failed): the live schema is untouched.</summary>
    public Task DiscardAsync(BuildTarget target, CancellationToken ct) =>
        sql.ExecuteAsync([$"drop schema if exists {target.BuildSchema} cascade"], atomic: true, ct);

    /// <summary>Build Models: a fresh build schema, then every model whose refs are built submitted without waiting for it
    /// (each as one statement; the warehouse queues them). The workflow then polls with <see cref="PollAsync"/>.</summary>
    public async Task<BuildProgress> StartAsync(ModelProject project, BuildTarget target, IStatementRunner statements, DateTimeOffset now,
        CancellationToken ct)
    {
        await sql.ExecuteAsync([$"drop schema if exists {target.BuildSchema} cascade", $"create schema {target.BuildSchema}"], atomic: true, ct);
        var models = project.InOrder.Select(m => new ModelProgress(m.Name, ModelProgress.Pending)).ToList();
        return await SubmitReadyAsync(project, target, statements, models, new BuildProgress(target.BuildSchema, now, models, false,
            (int)Math.Ceiling(statements.PollInterval.TotalSeconds)), now, ct);
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
            progress?.Report(new ModelRun(model.Name, model.Config.Materialized, entry.Merged, elapsed));
        }

        return await SubmitReadyAsync(project, target, statements, models, build with { Failure = failure }, now, ct);
    }

    private async Task<BuildProgress> SubmitReadyAsync(ModelProject project, BuildTarget target, IStatementRunner statements,
        List<ModelProgress> models, BuildProgress build, DateTimeOffset now, CancellationToken ct)
    {
        var built = models.Where(m => m.Status == ModelProgress.Built).Select(m => m.Model).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < models.Count && build.Failure is null; i++)
        {
            var model = project.Models[models[i].Model];
            if (models[i].Status != ModelProgress.Pending || !model.Refs.All(r => built.Contains(r.Name))) continue;
            var (body, merged) = await StatementsAsync(model, target, ct);
            var handle = await statements.SubmitAsync(body, atomic: true, ct);
            models[i] = models[i] with { Status = ModelProgress.Running, Handle = handle, Merged = merged, StartedAt = now };
        }

        return build with { Models = models, Done = models.All(m => m.Status == ModelProgress.Built) };
    }

    private async Task<ModelRun> BuildModelAsync(Model model, BuildTarget target, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var (statements, merge) = await StatementsAsync(model, target, ct);
        await sql.ExecuteAsync(statements, atomic: true, ct);
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
                return ([dialect.CloneTable($"{target.LiveSchema}.{model.Name}", relation), use, Merge(relation, body, model.Config.UniqueKey, columns)], true);
            default:
                return ([use, $"create table {relation} as\n{body}"], false);
        }
    }

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
