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
    /// <summary>What the last build made, for a swap that moves relations one by one.</summary>
    private readonly ConcurrentDictionary<string, BuiltRelation> _built = new(StringComparer.Ordinal);

    private Dictionary<string, int> _order = [];

    public async Task<IReadOnlyList<ModelRun>> BuildAsync(ModelProject project, BuildTarget target, IProgress<ModelRun>? progress, CancellationToken ct)
    {
        await sql.ExecuteAsync([$"drop schema if exists {target.BuildSchema} cascade", $"create schema {target.BuildSchema}"], atomic: true, ct);
        _built.Clear();
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
        _order = order;
        return runs.OrderBy(r => order[r.Model]).ToList();
    }

    /// <summary>Replaces the live schema by the build schema in one transaction: readers see all of the old or all of the new.</summary>
    public Task PublishAsync(BuildTarget target, CancellationToken ct) =>
        sql.ExecuteAsync(dialect.SwapSchemas(target.LiveSchema, target.BuildSchema, Built()), atomic: true, ct);

    /// <summary>The relations of the last build, in the order they were built (a level after the levels it reads).</summary>
    private List<BuiltRelation> Built() => [.. _built.Values.OrderBy(r => _order[r.Name]).ThenBy(r => r.Name, StringComparer.Ordinal)];

    /// <summary>Drops a build that will not be published (its checks failed): the live schema is untouched.</summary>
    public Task DiscardAsync(BuildTarget target, CancellationToken ct) =>
        sql.ExecuteAsync([$"drop schema if exists {target.BuildSchema} cascade"], atomic: true, ct);

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
                await sql.ExecuteAsync([use, Merge(relation, body, model.Config.UniqueKey, columns)], atomic: true, ct);
                break;
            default:
                await sql.ExecuteAsync([use, $"create table {relation} as\n{body}"], atomic: true, ct);
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
