using System.Globalization;
using HealthDw.Core.Ports;
using HealthDw.Core.Sql;

namespace HealthDw.Core.Checks;

/// <summary>Runs checks: one query per table, then each metric against its thresholds.</summary>
public sealed class CheckRunner(ISqlRunner sql, ISqlDialect dialect)
{
    /// <param name="asOf">What "now" is for freshness: the drop's time.</param>
    public async Task<IReadOnlyList<CheckResult>> RunAsync(IReadOnlyList<CheckDefinition> checks, Func<string, string> relationOf,
        DateTimeOffset asOf, CancellationToken ct)
    {
        var results = new List<CheckResult>();
        foreach (var group in checks.GroupBy(c => c.Table))
        {
            var compiled = CheckCompiler.Compile(group.Key, group.ToList(), relationOf, dialect);
            if (compiled.Metrics.Count > 0)
            {
                var row = (await sql.QueryAsync(compiled.Sql, ct))[0];
                foreach (var (check, column) in compiled.Metrics) results.Add(Evaluate(check, row[column], asOf));
            }

            if (compiled.SchemaChecks.Count > 0)
            {
                var dot = compiled.Relation.IndexOf('.', StringComparison.Ordinal);
                var columns = (await sql.QueryAsync(dialect.ColumnsQuery(compiled.Relation[..dot], compiled.Relation[(dot + 1)..]), ct))
                    .ToDictionary(r => ((string)r[0]!).ToLowerInvariant(), r => (string)r[1]!);
                results.AddRange(compiled.SchemaChecks.Select(c => SchemaCheck.Evaluate(c, columns)));
            }
        }

        return results;
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
