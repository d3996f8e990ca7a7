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

    /// <summary>Drops a build that will not be published (its checks failed): the live schema is untouched.</summary>
    public Task DiscardAsync(BuildTarget target, CancellationToken ct) =>
        sql.ExecuteAsync([$"drop schema if exists {target.BuildSchema} cascade"], atomic: true, ct);

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
        var relation = $"{target.BuildSchema}.{model.Name}";
        var merge = model.Config.Materialized == Materialization.Incremental
                    && (await sql.QueryAsync(dialect.RelationExistsQuery(target.LiveSchema, model.Name), ct)).Count > 0;
        var body = ModelRenderer.Render(model, new RenderContext(dialect, relation, merge, target.DropId, target.AsOf));
        var use = dialect.UseSchema(target.BuildSchema);
        switch (model.Config.Materialized)
        {
            case Materialization.View:
                await sql.ExecuteAsync([use, $"create view {relation} as\n{body}"], atomic: true, ct);
                break;
            case Materialization.Incremental when merge:
                await sql.ExecuteAsync([dialect.CloneTable($"{target.LiveSchema}.{model.Name}", relation)], atomic: true, ct);
                var columns = (await sql.QueryAsync(dialect.ColumnsQuery(target.BuildSchema, model.Name), ct)).Select(r => (string)r[0]!).ToList();
                await sql.ExecuteAsync([use, Merge(relation, body, model.Config.UniqueKey, columns), .. dialect.RefreshStatistics([relation])],
                    atomic: true, ct);
                break;
            default:
                // Statistics of the new table before the models that ref it, and the checks, are planned on it.
                await sql.ExecuteAsync([use, $"create table {relation} as\n{body}", .. dialect.RefreshStatistics([relation])], atomic: true, ct);
                break;
        }

        _built[model.Name] = new BuiltRelation(model.Name, model.Config.Materialized == Materialization.View, body);
        return new ModelRun(model.Name, model.Config.Materialized, merge, Stopwatch.GetElapsedTime(started));
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
