using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// Writes a drop's check results and publish decision to audit.check_results and audit.drop_publications in one
/// transaction (one multi-statement request). Snowflake refuses ARRAY_CONSTRUCT inside a VALUES clause, so the rows are
/// written as <c>INSERT … SELECT … UNION ALL SELECT …</c>.
/// </summary>
public sealed class SnowflakeCheckHistory(SnowflakeSqlClient client) : ICheckHistory
{
    public async Task RecordAsync(PublishOutcome outcome, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var when = SnowflakeSql.TimestampLtz(at);
        var drop = SnowflakeSql.Literal(outcome.DropId);
        var statements = new List<string> { "begin transaction" };
        if (outcome.Checks.Count > 0)
        {
            var rows = outcome.Checks.Select(r =>
                $"select {drop}, {SnowflakeSql.Literal(r.Check.Name)}, {SnowflakeSql.Literal(r.Check.Table)}, " +
                $"{SnowflakeSql.Literal(r.Check.Metric.ToString())}, {SnowflakeSql.Literal(r.Value)}, {SnowflakeSql.Literal(r.Threshold)}, " +
                $"{SnowflakeSql.Literal(r.Outcome.ToString().ToLowerInvariant())}, {SnowflakeSql.Literal(r.Detail)}, " +
                $"{SnowflakeSql.Literal($"{r.Check.File}:{r.Check.Line}")}, {when}, {SnowflakeSql.TextArray(r.FailedRows)}");
            statements.Add(
                "insert into audit.check_results (drop_id, check_name, table_name, metric, value, threshold, outcome, detail, source_file, checked_at, failed_rows)\n"
                + string.Join("\nunion all ", rows));
        }

        statements.Add(
            "insert into audit.drop_publications (drop_id, published, checks_passed, checks_warned, checks_failed, blockers, duration_ms, decided_at)\n" +
            $"select {drop}, {SnowflakeSql.Literal(outcome.Published)}, {SnowflakeSql.Literal(outcome.Passed)}, {SnowflakeSql.Literal(outcome.Warned)}, " +
            $"{SnowflakeSql.Literal(outcome.Failed)}, {SnowflakeSql.Literal(string.Join("\n", outcome.Blockers))}, " +
            $"{SnowflakeSql.Literal((long)outcome.Duration.TotalMilliseconds)}, {when}");
        statements.Add("commit");
        await client.ExecuteAsync(new SnowflakeStatement(SnowflakeSql.Join(statements)) { StatementCount = statements.Count }, ct);
    }
}
