using HealthDw.Core.Ports;
using Npgsql;

namespace HealthDw.Warehouse.Postgres;

/// <summary>Runs model, check and reconciliation SQL on PostgreSQL. A statement PostgreSQL refuses becomes a
/// <see cref="WarehouseSqlException"/> without the data its message quoted (<see cref="PostgresErrors"/>).</summary>
public sealed class PostgresSqlRunner(NpgsqlDataSource source) : ISqlRunner
{
    public async Task ExecuteAsync(IReadOnlyList<string> statements, bool atomic, CancellationToken ct)
    {
        try
        {
            await RunAsync(statements, atomic, ct);
        }
        catch (PostgresException e) when (!e.IsTransient) // a deadlock or a lost server stays transient: the step retries it
        {
            throw PostgresErrors.Scrubbed(e);
        }
    }

    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken ct)
    {
        try
        {
            return await ReadAsync(sql, ct);
        }
        catch (PostgresException e) when (!e.IsTransient) // a deadlock or a lost server stays transient: the step retries it
        {
            throw PostgresErrors.Scrubbed(e);
        }
    }

    private async Task RunAsync(IReadOnlyList<string> statements, bool atomic, CancellationToken ct)
    {
        await using var connection = await source.OpenConnectionAsync(ct);
        await using var transaction = atomic ? await connection.BeginTransactionAsync(ct) : null;
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(ct);
        }

        if (transaction is not null) await transaction.CommitAsync(ct);
    }

    private async Task<IReadOnlyList<object?[]>> ReadAsync(string sql, CancellationToken ct)
    {
        await using var command = source.CreateCommand(sql);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }

        return rows;
    }
}
