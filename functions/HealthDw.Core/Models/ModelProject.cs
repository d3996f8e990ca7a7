using HealthDw.Core.Configuration;

namespace HealthDw.Core.Models;

/// <summary>
/// Every model and the dependency graph derived from their refs: the order to build them in,
/// in levels whose models do not depend on each other and can run side by side.
/// </summary>
public sealed class ModelProject
{
    private ModelProject(IReadOnlyDictionary<string, Model> models, IReadOnlyList<IReadOnlyList<Model>> levels)
    {
        Models = models;
        Levels = levels;
    }

    public IReadOnlyDictionary<string, Model> Models { get; }

    /// <summary>Models in build order: every model's refs are in earlier levels.</summary>
    public IReadOnlyList<IReadOnlyList<Model>> Levels { get; }

    public IEnumerable<Model> InOrder => Levels.SelectMany(l => l);

    /// <param name="sourceTables">The staging tables sources may name (the contracts).</param>
    public static ModelProject Build(IEnumerable<Model> models, IReadOnlySet<string> sourceTables)
    {
        var byName = new Dictionary<string, Model>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            if (byName.TryGetValue(model.Name, out var first))
                throw new ConfigException(model.File, 1, 1, $"model '{model.Name}' is also defined in {first.File}; model names must be unique");
            byName.Add(model.Name, model);
        }

        foreach (var model in byName.Values)
        {
            foreach (var r in model.Refs.Where(r => !byName.ContainsKey(r.Name)))
                throw new ConfigException(model.File, r.Line, r.Column, $"ref('{r.Name}') names no model; models are: {string.Join(", ", byName.Keys.Order(StringComparer.Ordinal))}");
            foreach (var s in model.Sources.Where(s => s.Schema != "staging" || !sourceTables.Contains(s.Table)))
                throw new ConfigException(model.File, s.Line, s.Column, $"source('{s.Schema}', '{s.Table}') is not a staging table with a contract");
            CheckTrace(model);
        }

        return new ModelProject(byName, Layer(byName));
    }

    /// <summary>A declared lineage names only what the model reads, and all of it: a trace that skipped a ref would print
    /// part of a row's origin as if it were the whole.</summary>
    private static void CheckTrace(Model model)
    {
        if (model.Config.Trace.Count == 0) return;
        var reads = model.Refs.Select(r => r.Name).Concat(model.Sources.Select(s => TraceLink.SourcePrefix + s.Table)).ToHashSet(StringComparer.Ordinal);
        foreach (var link in model.Config.Trace.Where(l => !reads.Contains(l.Upstream)))
            throw new ConfigException(model.File, link.Line, link.Column,
                $"trace names '{link.Upstream}', which {model.Name} does not read; it reads: {string.Join(", ", reads.Order(StringComparer.Ordinal))}");
        var traced = model.Config.Trace.Select(l => l.Upstream).ToHashSet(StringComparer.Ordinal);
        if (reads.FirstOrDefault(r => !traced.Contains(r)) is { } missing)
            throw new ConfigException(model.File, model.Config.Trace[0].Line, model.Config.Trace[0].Column,
                $"trace has no entry for '{missing}', which {model.Name} reads; add \"{missing}: <predicate over row. and up.>\"");
    }

    /// <summary>Kahn's algorithm by levels; what is left over is a cycle, reported with the ref that closes it.</summary>
    private static List<IReadOnlyList<Model>> Layer(Dictionary<string, Model> models)
    {
        var pending = models.Values.ToDictionary(m => m.Name, m => m.Refs.Select(r => r.Name).Distinct().Count());
        var dependents = models.Values.SelectMany(m => m.Refs.Select(r => (From: r.Name, To: m.Name))).Distinct()
            .GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var levels = new List<IReadOnlyList<Model>>();
        var ready = pending.Where(p => p.Value == 0).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        var done = 0;
        while (ready.Count > 0)
        {
            levels.Add(ready.Select(n => models[n]).ToList());
            done += ready.Count;
            var next = new List<string>();
            foreach (var name in ready)
            {
                foreach (var dependent in dependents.GetValueOrDefault(name) ?? [])
                {
                    if (--pending[dependent] == 0) next.Add(dependent);
                }
            }

            ready = next.Order(StringComparer.Ordinal).ToList();
        }

        if (done < models.Count) throw CycleError(models, pending.Where(p => p.Value > 0).Select(p => p.Key).ToHashSet());
        return levels;
    }

    private static ConfigException CycleError(Dictionary<string, Model> models, HashSet<string> stuck)
    {
        // Walk refs inside the stuck set until a model repeats: that loop is the cycle.
        var path = new List<string> { stuck.Order(StringComparer.Ordinal).First() };
        while (true)
        {
            var model = models[path[^1]];
            var r = model.Refs.First(x => stuck.Contains(x.Name));
            var seen = path.IndexOf(r.Name);
            if (seen >= 0)
            {
                var cycle = path.Skip(seen).Append(r.Name);
                return new ConfigException(model.File, r.Line, r.Column, $"models depend on each other in a cycle: {string.Join(" -> ", cycle)}");
            }

            path.Add(r.Name);
        }
    }
}
