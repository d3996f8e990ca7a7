using System.Globalization;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;
using HealthDw.Core.Sql;

namespace HealthDw.Core.Checks;

/// <summary>Runs checks: one query per table, then each metric against its thresholds.</summary>
/// <param name="steps">Told when a table's checks start and as each check is evaluated (names, counts, outcomes; never a measured value).</param>
public sealed class CheckRunner(ISqlRunner sql, ISqlDialect dialect, IProgress<PublishProgress>? steps = null)
{
    public const int SampledRows = 5;

    /// <param name="asOf">What "now" is for freshness: the drop's time.</param>
    /// <param name="keyOf">A table's key columns, for sampling the rows that break a check (none: no samples).</param>
    public async Task<IReadOnlyList<CheckResult>> RunAsync(IReadOnlyList<CheckDefinition> checks, Func<string, string> relationOf,
        DateTimeOffset asOf, CancellationToken ct, Func<string, IReadOnlyList<string>>? keyOf = null)
    {
        var results = new List<CheckResult>();
        foreach (var group in checks.GroupBy(c => c.Table))
        {
            steps?.Report(new PublishProgress(PublishProgressKind.ChecksStarted, group.Key, results.Count, checks.Count));
            var before = results.Count;
            try
            {
                await RunTableAsync(group, relationOf, asOf, keyOf, results, ct);
                for (var i = before; i < results.Count; i++)
                {
                    var result = results[i];
                    steps?.Report(new PublishProgress(PublishProgressKind.CheckEvaluated, $"{result.Check.Table}.{result.Check.Name}", i + 1, checks.Count,
                        result.Outcome));
                }
            }
            catch (WarehouseSqlException e)
            {
                throw e.About($"the checks of {group.Key} ({string.Join(", ", group.Select(c => c.File).Distinct())})");
            }
        }

        return results;
    }

    private async Task RunTableAsync(IGrouping<string, CheckDefinition> group, Func<string, string> relationOf, DateTimeOffset asOf,
        Func<string, IReadOnlyList<string>>? keyOf, List<CheckResult> results, CancellationToken ct)
    {
        var compiled = CheckCompiler.Compile(group.Key, group.ToList(), relationOf, dialect);
        if (compiled.Metrics.Count > 0)
        {
            var row = (await sql.QueryAsync(compiled.Sql, ct))[0];
            foreach (var (check, column) in compiled.Metrics)
            {
                var result = Evaluate(check, row[column], asOf);
                if (result.Outcome != CheckOutcome.Pass && keyOf is not null)
                    result = await SampleAsync(result, compiled.Relation, relationOf, keyOf(group.Key), ct);
                results.Add(result);
            }
        }

        if (compiled.SchemaChecks.Count > 0)
        {
            var dot = compiled.Relation.IndexOf('.', StringComparison.Ordinal);
            var columns = (await sql.QueryAsync(dialect.ColumnsQuery(compiled.Relation[..dot], compiled.Relation[(dot + 1)..]), ct))
                .ToDictionary(r => ((string)r[0]!).ToLowerInvariant(), r => (string)r[1]!);
            results.AddRange(compiled.SchemaChecks.Select(c => SchemaCheck.Evaluate(c, columns)));
        }
    }

    /// <summary>Key values and source lines of a few rows that break the check (never other columns), kept in the audit
    /// trail; and where the relation carries them, the same rows' file and line, which messages may show.</summary>
    private async Task<CheckResult> SampleAsync(CheckResult result, string relation, Func<string, string> relationOf,
        IReadOnlyList<string> key, CancellationToken ct)
    {
        var check = result.Check;
        var dot = relation.IndexOf('.', StringComparison.Ordinal);
        var columns = (await sql.QueryAsync(dialect.ColumnsQuery(relation[..dot], relation[(dot + 1)..]), ct)).Select(r => ((string)r[0]!).ToLowerInvariant()).ToList();
        var keyColumns = key.Select(k => k.ToLowerInvariant()).Where(columns.Contains).ToList();
        if (keyColumns.Count == 0 && columns.Count > 0) keyColumns.Add(columns[0]);
        if (columns.Contains("_source_line")) keyColumns.Add("_source_line");
        var query = CheckCompiler.FailingRowsQuery(check, relation, relationOf, dialect, keyColumns, SampledRows);
        if (query is null) return result;
        var failed = (await sql.QueryAsync(query, ct))
            .Select(r => string.Join(", ", keyColumns.Zip(r).Select(p => p.First == "_source_line" ? $"line {p.Second}" : $"{p.First}={p.Second}")))
            .ToList();
        if (!columns.Contains("_source_key") || !columns.Contains("_source_line")) return result with { FailedRows = failed };

        var positions = CheckCompiler.FailingRowsQuery(check, relation, relationOf, dialect, ["_source_key", "_source_line"], SampledRows)!;
        return result with
        {
            FailedRows = failed,
            Positions = (await sql.QueryAsync(positions, ct)).Select(r => $"{r[0]} line {r[1]}").ToList(),
        };
    }

    private static CheckResult Evaluate(CheckDefinition check, object? raw, DateTimeOffset asOf)
    {
        double? value = raw switch
        {
            null => null,
            DateTime time => (asOf.UtcDateTime - DateTime.SpecifyKind(time, DateTimeKind.Utc)).TotalHours,
            DateTimeOffset time => (asOf - time).TotalHours,
            _ => Convert.ToDouble(raw, CultureInfo.InvariantCulture),
        };
        if (value is null)
        {
            var outcome = check.Metric is MetricKind.Freshness or MetricKind.Min or MetricKind.Max or MetricKind.Avg
                ? CheckOutcome.Fail : CheckOutcome.Pass;
            return new CheckResult(check, null, outcome, outcome == CheckOutcome.Fail ? "no rows to measure" : "no rows");
        }

        var v = value.Value;
        var shown = check.Metric == MetricKind.Freshness ? $"{v:0.#} hours old" : Threshold.Format(v);
        if (check.Fail is { } fail && fail.Breaks(v)) return new CheckResult(check, v, CheckOutcome.Fail, $"{shown} (fail {fail})");
        if (check.Warn is { } warn && warn.Breaks(v)) return new CheckResult(check, v, CheckOutcome.Warn, $"{shown} (warn {warn})");
        return new CheckResult(check, v, CheckOutcome.Pass, shown);
    }
}
