using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;
using Npgsql;

namespace HealthDw.Warehouse.Postgres;

/// <summary>Writes check results and publish decisions to audit.check_results and audit.drop_publications.</summary>
public sealed class PostgresCheckHistory(NpgsqlDataSource source) : ICheckHistory
{
    public async Task RecordAsync(PublishOutcome outcome, DateTimeOffset at, CancellationToken ct)
    {
        at = at.ToUniversalTime(); // timestamptz parameters must be UTC
        await using var connection = await source.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var result in outcome.Checks)
        {
            var command = new NpgsqlBatchCommand("""
                insert into audit.check_results (drop_id, check_name, table_name, metric, value, threshold, outcome, detail, source_file, checked_at, failed_rows)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = outcome.DropId });
            command.Parameters.Add(new NpgsqlParameter { Value = result.Check.Name });
            command.Parameters.Add(new NpgsqlParameter { Value = result.Check.Table });
            command.Parameters.Add(new NpgsqlParameter { Value = result.Check.Metric.ToString() });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)result.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Double });
            command.Parameters.Add(new NpgsqlParameter { Value = result.Threshold });
            command.Parameters.Add(new NpgsqlParameter { Value = result.Outcome.ToString().ToLowerInvariant() });
            command.Parameters.Add(new NpgsqlParameter { Value = result.Detail });
            command.Parameters.Add(new NpgsqlParameter { Value = $"{result.Check.File}:{result.Check.Line}" });
            command.Parameters.Add(new NpgsqlParameter { Value = at });
            command.Parameters.Add(new NpgsqlParameter { Value = result.FailedRows.ToArray() });
            batch.BatchCommands.Add(command);
        }

        var decision = new NpgsqlBatchCommand("""
            insert into audit.drop_publications (drop_id, published, checks_passed, checks_warned, checks_failed, blockers, duration_ms, decided_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            """);
        decision.Parameters.Add(new NpgsqlParameter { Value = outcome.DropId });
        decision.Parameters.Add(new NpgsqlParameter { Value = outcome.Published });
        decision.Parameters.Add(new NpgsqlParameter { Value = outcome.Passed });
        decision.Parameters.Add(new NpgsqlParameter { Value = outcome.Warned });
        decision.Parameters.Add(new NpgsqlParameter { Value = outcome.Failed });
        decision.Parameters.Add(new NpgsqlParameter { Value = string.Join("\n", outcome.Blockers) });
        decision.Parameters.Add(new NpgsqlParameter { Value = (long)outcome.Duration.TotalMilliseconds });
        decision.Parameters.Add(new NpgsqlParameter { Value = at });
        batch.BatchCommands.Add(decision);
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
