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
                var compiled = CheckCompiler.Compile(group.Key, group.ToList(), relationOf, dialect);
                var row = compiled.Metrics.Count > 0 ? (await sql.QueryAsync(compiled.Sql, ct))[0] : [];
                await EvaluateTableAsync(group, compiled, row, relationOf, asOf, keyOf, results, ct);
                Report(results[before..], before, checks.Count);
            }
            catch (WarehouseSqlException e)
            {
                throw About(e, group);
            }
        }

        return results;
    }

    /// <summary>Run Checks: submits each table's metrics query without waiting for it (a table with schema checks only is
    /// evaluated at once). The workflow then polls with <see cref="PollAsync"/>. Rows that break a check are sampled later,
    /// by <see cref="SampleAsync(IReadOnlyList{CheckResult}, Func{string, string}, Func{string, IReadOnlyList{string}}, CancellationToken)"/>.</summary>
    public async Task<CheckProgress> StartAsync(IReadOnlyList<CheckDefinition> checks, Func<string, string> relationOf, DateTimeOffset asOf,
        IStatementRunner statements, DateTimeOffset now, CancellationToken ct)
    {
        var tables = new List<CheckTableProgress>();
        var results = new List<CheckResult>();
        foreach (var group in checks.GroupBy(c => c.Table))
        {
            steps?.Report(new PublishProgress(PublishProgressKind.ChecksStarted, group.Key, results.Count, checks.Count));
            var compiled = CheckCompiler.Compile(group.Key, group.ToList(), relationOf, dialect);
            if (compiled.Metrics.Count == 0)
            {
                try
                {
                    var before = results.Count;
                    await EvaluateTableAsync(group, compiled, [], relationOf, asOf, null, results, ct);
                    Report(results[before..], before, checks.Count);
                }
                catch (WarehouseSqlException e)
                {
                    throw About(e, group);
                }

                tables.Add(new CheckTableProgress(group.Key, CheckTableProgress.Done, StartedAt: now, Seconds: 0));
                continue;
            }

            tables.Add(new CheckTableProgress(group.Key, CheckTableProgress.Running, await statements.SubmitQueryAsync(compiled.Sql, ct), now));
        }

        return new CheckProgress(tables, results.Select(r => CheckVerdict.Of(r, checks)).ToList(), tables.All(t => t.Status == CheckTableProgress.Done),
            PollSchedule.FirstWaitSeconds);
    }

    /// <summary>Check Checks: looks once at each table's query under way and evaluates the checks of each one that ended.</summary>
    public async Task<CheckProgress> PollAsync(IReadOnlyList<CheckDefinition> checks, Func<string, string> relationOf, DateTimeOffset asOf,
        IStatementRunner statements, CheckProgress progress, DateTimeOffset now, CancellationToken ct)
    {
        var tables = progress.Tables.ToList();
        var verdicts = progress.Results.ToList();
        var failure = progress.Failure;
        var groups = checks.GroupBy(c => c.Table).ToDictionary(g => g.Key, StringComparer.Ordinal);
        for (var i = 0; i < tables.Count; i++)
        {
            var table = tables[i];
            if (table.Status != CheckTableProgress.Running || table.Handle is null) continue;
            var status = await statements.StatusAsync(table.Handle, ct);
            // Tables are evaluated in their order, as one call runs them: the results (and what a display shows) keep it.
            if (status.Running) break;
            var group = groups[table.Table];
            var seconds = (now - (table.StartedAt ?? now)).TotalSeconds;
            if (status.Error is { } error)
            {
                tables[i] = table with { Status = CheckTableProgress.Failed, Handle = null, Seconds = seconds };
                failure ??= About(error, group).Message;
                continue;
            }

            var results = new List<CheckResult>();
            var compiled = CheckCompiler.Compile(group.Key, group.ToList(), relationOf, dialect);
            try
            {
                await EvaluateTableAsync(group, compiled, status.Rows[0], relationOf, asOf, null, results, ct);
            }
            catch (WarehouseSqlException e)
            {
                throw About(e, group);
            }

            Report(results, verdicts.Count, checks.Count);
            verdicts.AddRange(results.Select(r => CheckVerdict.Of(r, checks)));
            tables[i] = table with { Status = CheckTableProgress.Done, Handle = null, Seconds = seconds };
        }

        return progress with
        {
            Tables = tables,
            Results = verdicts,
            Failure = failure,
            Done = failure is null && tables.All(t => t.Status == CheckTableProgress.Done),
            WaitSeconds = PollSchedule.WaitSeconds(now - (tables.Min(t => t.StartedAt) ?? now)),
        };
    }

    /// <summary>The results again, with a few rows sampled for each check that warned or failed (see <see cref="SampleAsync(CheckResult, string, Func{string, string}, IReadOnlyList{string}, CancellationToken)"/>).</summary>
    public async Task<IReadOnlyList<CheckResult>> SampleAsync(IReadOnlyList<CheckResult> results, Func<string, string> relationOf,
        Func<string, IReadOnlyList<string>> keyOf, CancellationToken ct)
    {
        var sampled = new List<CheckResult>(results.Count);
        foreach (var result in results)
        {
            sampled.Add(result.Outcome == CheckOutcome.Pass || result.Check.Metric == MetricKind.Schema
                ? result
                : await SampleAsync(result, relationOf(result.Check.Table), relationOf, keyOf(result.Check.Table), ct));
        }

        return sampled;
    }

    /// <summary>Tells the display of each check just evaluated; <paramref name="before"/> checks were evaluated earlier.</summary>
    private void Report(IReadOnlyList<CheckResult> evaluated, int before, int total)
    {
        for (var i = 0; i < evaluated.Count; i++)
        {
            var result = evaluated[i];
            steps?.Report(new PublishProgress(PublishProgressKind.CheckEvaluated, $"{result.Check.Table}.{result.Check.Name}", before + i + 1, total,
                result.Outcome));
        }
    }

    private static WarehouseSqlException About(WarehouseSqlException e, IGrouping<string, CheckDefinition> group) =>
        e.About($"the checks of {group.Key} ({string.Join(", ", group.Select(c => c.File).Distinct())})");

    private async Task EvaluateTableAsync(IGrouping<string, CheckDefinition> group, CheckCompiler.CompiledTable compiled, object?[] row,
        Func<string, string> relationOf, DateTimeOffset asOf, Func<string, IReadOnlyList<string>>? keyOf, List<CheckResult> results,
        CancellationToken ct)
    {
        foreach (var (check, column) in compiled.Metrics)
        {
            var result = Evaluate(check, row[column], asOf);
            if (result.Outcome != CheckOutcome.Pass && keyOf is not null)
                result = await SampleAsync(result, compiled.Relation, relationOf, keyOf(group.Key), ct);
            results.Add(result);
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

    /// <summary>What a result says instead of a value that <see cref="CheckDefinition.HidesValue"/>.</summary>
    public const string HiddenValue = "value hidden (phi column)";

    private static CheckResult Evaluate(CheckDefinition check, object? raw, DateTimeOffset asOf)
    {
        // A text column's min or max is a cell, and a number parser's error would quote it: the check fails on the column's
        // type instead, without the value.
        if (raw is string)
            return new CheckResult(check, null, CheckOutcome.Fail, $"{check.Columns.FirstOrDefault()} is text, not a number or a date: {check.Metric.ToString().ToLowerInvariant()} measures numbers and dates");
        double? value = raw switch
        {
            null => null,
            DateTime time => (asOf.UtcDateTime - DateTime.SpecifyKind(time, DateTimeKind.Utc)).TotalHours,
            DateTimeOffset time => (asOf - time).TotalHours,
            DateOnly date => (asOf.UtcDateTime - date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)).TotalHours,
            _ => Convert.ToDouble(raw, CultureInfo.InvariantCulture),
        };
        if (value is null)
        {
            var outcome = check.Metric is MetricKind.Freshness or MetricKind.Min or MetricKind.Max or MetricKind.Avg
                ? CheckOutcome.Fail : CheckOutcome.Pass;
            return new CheckResult(check, null, outcome, outcome == CheckOutcome.Fail ? "no rows to measure" : "no rows");
        }

        var v = value.Value;
        // A phi column's min, max or freshness is a cell value: it is compared here, in the warehouse's reach, and only the
        // outcome and the threshold as configured go on (to the workflow's state, the digest, the audit trail).
        var kept = check.HidesValue ? (double?)null : v;
        var shown = check.HidesValue ? HiddenValue : check.Metric == MetricKind.Freshness ? $"{v:0.#} hours old" : Threshold.Format(v);
        if (check.Fail is { } fail && fail.Breaks(v)) return new CheckResult(check, kept, CheckOutcome.Fail, $"{shown} (fail {fail})");
        if (check.Warn is { } warn && warn.Breaks(v)) return new CheckResult(check, kept, CheckOutcome.Warn, $"{shown} (warn {warn})");
        return new CheckResult(check, kept, CheckOutcome.Pass, check.HidesValue ? $"{shown} (passed: {Levels(check)})" : shown);
    }

    /// <summary>"fail &gt;= 0, warn when &gt; 2 %": the thresholds as configured.</summary>
    private static string Levels(CheckDefinition check) =>
        string.Join(", ", new[] { ("fail", check.Fail), ("warn", check.Warn) }.Where(l => l.Item2 is not null).Select(l => $"{l.Item1} {l.Item2}"));
}
