using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;

namespace HealthDw.Warehouse.DuckDb;

/// <summary>Writes check results and publish decisions to audit.check_results and audit.drop_publications, in one transaction.</summary>
public sealed class DuckDbCheckHistory(DuckDbDatabase database) : ICheckHistory
{
    public async Task RecordAsync(PublishOutcome outcome, DateTimeOffset at, CancellationToken ct)
    {
        at = at.ToUniversalTime();
        await using var connection = await database.ConnectAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var result in outcome.Checks)
        {
            await using var command = DuckDbWarehouse.Command(connection, """
                insert into audit.check_results (drop_id, check_name, table_name, metric, value, threshold, outcome, detail, source_file, checked_at, failed_rows)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """, outcome.DropId, result.Check.Name, result.Check.Table, result.Check.Metric.ToString(), result.Value, result.Threshold,
                result.Outcome.ToString().ToLowerInvariant(), result.Detail, $"{result.Check.File}:{result.Check.Line}", at, result.FailedRows.ToList());
            await command.ExecuteNonQueryAsync(ct);
        }

        await using (var decision = DuckDbWarehouse.Command(connection, """
            insert into audit.drop_publications (drop_id, published, checks_passed, checks_warned, checks_failed, blockers, duration_ms, decided_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            """, outcome.DropId, outcome.Published, outcome.Passed, outcome.Warned, outcome.Failed, string.Join("\n", outcome.Blockers),
            (long)outcome.Duration.TotalMilliseconds, at))
            await decision.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
