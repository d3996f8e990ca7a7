using System.Globalization;
using System.Text.RegularExpressions;
using HealthDw.Core.Models;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;
using HealthDw.Core.Sql;

namespace HealthDw.Core.Lineage;

/// <summary>
/// <c>healthdw trace MODEL KEY</c>: follows one row of the live analytics schema back through the model graph to the staging
/// rows it was built from, by the lineage each model declares in its config (<c>trace=["upstream: predicate", ...]</c>,
/// <see cref="TraceLink"/>). Nothing is copied out of the warehouse but keys and lineage columns: each step is one query whose
/// filter is the step before it, nested (<c>exists (select 1 from parent as t0 where ... and predicate)</c>), so a KPI row built
/// from thousands of fact rows costs one query per relation, not one per row.
/// <para>A relation that carries <c>_load_id</c>, <c>_source_key</c> and <c>_source_line</c> (a staging view, or a staging
/// table named as <c>staging.&lt;table&gt;</c>) ends the walk; the ledger gives each load's version and drop, and the bucket
/// where the file is now. A model that reads nothing (the calendar) ends it too, with no file.</para>
/// </summary>
public sealed partial class RowTracer(AnalyticsProject project, ISqlRunner sql, ISqlDialect dialect, IObjectStore store, string schema = "analytics")
{
    private static readonly string[] LineageColumns = ["_load_id", "_source_key", "_source_line"];

    private readonly Dictionary<string, bool> _carriesLineage = new(StringComparer.Ordinal);

    /// <param name="limit">At most this many rows of each staging relation are listed (all are counted).</param>
    public async Task<(RowKey Key, TraceNode Root)> TraceAsync(string modelName, string keyText, int limit, CancellationToken ct)
    {
        if (!project.Models.Models.TryGetValue(modelName, out var model))
            throw new RowTraceException($"no model is named '{modelName}'; models are: {string.Join(", ", project.Models.Models.Keys.Order(StringComparer.Ordinal))}");
        var columns = KeyColumns(modelName);
        if (columns.Count == 0)
            throw new RowTraceException($"{modelName} has no unique_key in its config, so no row of it can be named");
        var key = RowKey.Parse(modelName, columns, keyText);
        if ((await sql.QueryAsync(dialect.RelationExistsQuery(schema, modelName), ct)).Count == 0)
            throw new RowTraceException($"{modelName} is not built in {schema} yet: publish a drop first (healthdw drop, or healthdw demo)");
        var root = new Step(Relation(modelName), "t0", string.Join(" and ", key.Parts.Select(p => $"cast(t0.{p.Key} as varchar) = {Literal(p.Value)}")), 0);
        var lines = new List<TracedLine>();
        var node = await WalkAsync(model.Name, model, root, limit, lines, ct);
        if (node.Rows == 0) throw new RowTraceException($"no row of {modelName} has {key}");
        var located = await LocateAsync(lines, ct);
        return (key, WithLocations(node, located));
    }

    /// <summary>One relation in the walk: its alias, and the filter that selects the rows the traced row was built from.</summary>
    private sealed record Step(string Relation, string Alias, string Where, int Depth);

    private async Task<TraceNode> WalkAsync(string name, Model? model, Step step, int limit, List<TracedLine> lines, CancellationToken ct)
    {
        var rows = await CountAsync(step, ct);
        if (rows == 0) return new TraceNode(name, 0, [], [], false);
        if (model is null || await CarriesLineageAsync(model, ct))
        {
            var found = await LinesAsync(name, model, step, limit, ct);
            lines.AddRange(found);
            return new TraceNode(name, rows, [], found, false);
        }

        if (model.Refs.Count == 0 && model.Sources.Count == 0) return new TraceNode(name, rows, [], [], true);
        if (model.Config.Trace.Count == 0)
            throw new RowTraceException($"{model.Name} declares no lineage: add trace=[\"<ref>: <predicate over row. and up.>\", ...] to its config ({model.File})");
        var upstream = new List<TraceNode>();
        foreach (var link in model.Config.Trace)
        {
            var alias = $"t{step.Depth + 1}";
            var predicate = Up().Replace(Row().Replace(link.Predicate, step.Alias + "."), alias + ".");
            var where = $"exists (select 1 from {step.Relation} as {step.Alias} where {step.Where} and ({predicate}))";
            var next = new Step(link.IsSource ? link.Upstream : Relation(link.Upstream), alias, where, step.Depth + 1);
            upstream.Add(await WalkAsync(link.Upstream, link.IsSource ? null : project.Models.Models[link.Upstream], next, limit, lines, ct));
        }

        return new TraceNode(name, rows, upstream, [], false);
    }

    private async Task<long> CountAsync(Step step, CancellationToken ct) =>
        Convert.ToInt64((await sql.QueryAsync($"select count(*) from {step.Relation} as {step.Alias} where {step.Where}", ct))[0][0],
            CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<TracedLine>> LinesAsync(string name, Model? model, Step step, int limit, CancellationToken ct)
    {
        // A staging view keeps its source's key; name the rows by the staging table they were loaded into.
        var table = model is null ? name : model.Sources.Select(s => TraceLink.SourcePrefix + s.Table).Distinct().Count() == 1
            ? TraceLink.SourcePrefix + model.Sources[0].Table : name;
        var columns = model?.Config.UniqueKey is { Count: > 0 } own ? own : project.KeyOf(table);
        var a = step.Alias;
        var select = columns.Select(c => $"cast({a}.{c} as varchar)").Concat([$"cast({a}._load_id as varchar)", $"{a}._source_key", $"{a}._source_line"]);
        var rows = await sql.QueryAsync(
            $"select {string.Join(", ", select)} from {step.Relation} as {a} where {step.Where} order by {a}._source_key, {a}._source_line limit {limit}", ct);
        return rows.Select(r => new TracedLine(table,
            new RowKey(columns.Select((c, i) => KeyValuePair.Create(c, Convert.ToString(r[i], CultureInfo.InvariantCulture) ?? "")).ToList()),
            Convert.ToString(r[columns.Count], CultureInfo.InvariantCulture) ?? "", Convert.ToString(r[columns.Count + 1], CultureInfo.InvariantCulture) ?? "",
            null, Convert.ToInt64(r[columns.Count + 2], CultureInfo.InvariantCulture), null)).ToList();
    }

    /// <summary>The ledger's version and drop of every load named, then where each file is now.</summary>
    private async Task<IReadOnlyDictionary<string, (string? Version, string? NowAt)>> LocateAsync(List<TracedLine> lines, CancellationToken ct)
    {
        var result = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        var loads = lines.Select(l => l.LoadId).Distinct(StringComparer.Ordinal).ToList();
        if (loads.Count == 0) return result;
        var ledger = (await sql.QueryAsync(
                "select cast(load_id as varchar), version_token, drop_id from audit.load_ledger where cast(load_id as varchar) in ("
                + string.Join(", ", loads.Select(Literal)) + ")", ct))
            .ToDictionary(r => Convert.ToString(r[0], CultureInfo.InvariantCulture)!, r => (Version: (string?)r[1]?.ToString(), Drop: r[2]?.ToString()),
                StringComparer.OrdinalIgnoreCase);
        var finder = new ArchivedFileFinder(store);
        foreach (var line in lines.DistinctBy(l => l.LoadId))
        {
            var (version, drop) = ledger.GetValueOrDefault(line.LoadId);
            result[line.LoadId] = (version, await finder.FindAsync(line.FileKey, drop, version, ct));
        }

        return result;
    }

    private static TraceNode WithLocations(TraceNode node, IReadOnlyDictionary<string, (string? Version, string? NowAt)> located) => node with
    {
        Upstream = node.Upstream.Select(u => WithLocations(u, located)).ToList(),
        Lines = node.Lines.Select(l => located.TryGetValue(l.LoadId, out var at) ? l with { Version = at.Version, NowAt = at.NowAt } : l).ToList(),
    };

    private async Task<bool> CarriesLineageAsync(Model model, CancellationToken ct)
    {
        if (_carriesLineage.TryGetValue(model.Name, out var known)) return known;
        var columns = (await sql.QueryAsync(dialect.ColumnsQuery(schema, model.Name), ct))
            .Select(r => Convert.ToString(r[0], CultureInfo.InvariantCulture)!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return _carriesLineage[model.Name] = LineageColumns.All(columns.Contains);
    }

    private IReadOnlyList<string> KeyColumns(string model) => project.KeyOf(model);

    private string Relation(string model) => $"{schema}.{model}";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"\brow\.")]
    private static partial Regex Row();

    [GeneratedRegex(@"\bup\.")]
    private static partial Regex Up();
}
