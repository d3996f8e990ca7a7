using HealthDw.Core.Checks;
using HealthDw.Core.Configuration;
using HealthDw.Core.Models;

namespace HealthDw.Core.Publishing;

/// <summary>The warehouse the business reads, as configuration: the models, the checks on them, and the reconciliations.</summary>
public sealed record AnalyticsProject(ModelProject Models, IReadOnlyList<CheckDefinition> Checks, IReadOnlyDictionary<string, IReadOnlyList<string>> Keys)
{
    /// <summary>The measures of <c>reconciliations.yml</c>; none when the folder has no such file.</summary>
    public IReadOnlyList<ReconciliationMeasure> Reconciliations { get; init; } = [];

    /// <summary>A checks-file table's key: a model's unique_key, a staging table's primary key (empty when it has none).</summary>
    public IReadOnlyList<string> KeyOf(string table) => Keys.GetValueOrDefault(table) ?? [];

    public const string StagingPrefix = "staging.";

    /// <param name="files">models/**.sql, checks/**.yml and reconciliations.yml, paths relative to the configuration folder.</param>
    public static AnalyticsProject Load(IReadOnlyList<ConfigFile> files, PipelineConfig pipeline)
    {
        var models = ModelProject.Build(
            files.Where(f => f.Path.StartsWith("models/", StringComparison.Ordinal) && f.Path.EndsWith(".sql", StringComparison.Ordinal))
                .OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => ModelParser.Parse(f.Path, f.Text)),
            pipeline.Contracts.Keys.ToHashSet());
        var checks = files.Where(f => f.Path.StartsWith("checks/", StringComparison.Ordinal)).OrderBy(f => f.Path, StringComparer.Ordinal)
            .SelectMany(CheckParser.Parse).Concat(ContractReferenceChecks.From(pipeline, files)).ToList();
        foreach (var check in checks)
        {
            foreach (var table in new[] { check.Table, check.Other }.OfType<string>())
            {
                var known = table.StartsWith(StagingPrefix, StringComparison.Ordinal)
                    ? pipeline.Contracts.ContainsKey(table[StagingPrefix.Length..])
                    : models.Models.ContainsKey(table);
                if (!known)
                    throw new ConfigException(check.File, check.Line, 1,
                        $"'{table}' is neither a model nor staging.<table>; models are: {string.Join(", ", models.Models.Keys.Order(StringComparer.Ordinal))}");
            }
        }

        checks = checks.Select(c => c with { OverPhi = PhiLineage.Holds(c.Table, c.Columns, models, pipeline) }).ToList();
        var keys = models.Models.Values.Where(m => m.Config.UniqueKey.Count > 0).ToDictionary(m => m.Name, m => m.Config.UniqueKey)
            .Concat(pipeline.Contracts.Values.Select(c => KeyValuePair.Create(StagingPrefix + c.Table, c.PrimaryKey)))
            .ToDictionary(p => p.Key, p => p.Value);
        var reconciliations = files.FirstOrDefault(f => f.Path == ReconciliationParser.FileName) is { } file
            ? ReconciliationParser.Parse(file, models.Models.Keys.ToList(), pipeline.Contracts.Keys.ToHashSet(StringComparer.Ordinal))
            : [];
        return new AnalyticsProject(models, checks, keys) { Reconciliations = reconciliations };
    }

    /// <summary>The relation a checks-file table name stands for, during a build.</summary>
    public static Func<string, string> RelationsIn(string schema) =>
        table => table.StartsWith(StagingPrefix, StringComparison.Ordinal) ? table : $"{schema}.{table}";
}
