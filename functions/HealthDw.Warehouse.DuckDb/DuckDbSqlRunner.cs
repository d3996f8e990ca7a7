using System.Numerics;
using DuckDB.NET.Data;
using HealthDw.Core.Ports;

namespace HealthDw.Warehouse.DuckDb;

/// <summary>Runs model, check and reconciliation SQL on DuckDB, each call on a connection of its own (so a
/// <c>set search_path</c> ends with it). A statement DuckDB refuses becomes a <see cref="WarehouseSqlException"/> without
/// the data its message quoted (<see cref="DuckDbErrors"/>).</summary>
public sealed class DuckDbSqlRunner(DuckDbDatabase database) : ISqlRunner
{
    public async Task ExecuteAsync(IReadOnlyList<string> statements, bool atomic, CancellationToken ct)
    {
        try
        {
            await using var connection = await database.ConnectAsync(ct);
            await using var transaction = atomic ? await connection.BeginTransactionAsync(ct) : null;
            foreach (var statement in statements)
            {
                await using var command = DuckDbWarehouse.Command(connection, statement);
                await command.ExecuteNonQueryAsync(ct);
            }

            if (transaction is not null) await transaction.CommitAsync(ct);
        }
        catch (DuckDBException e) when (!DuckDbErrors.IsTransient(e)) // a write conflict stays transient: the step retries it
        {
            throw DuckDbErrors.Scrubbed(e);
        }
    }

    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken ct)
    {
        try
        {
            await using var connection = await database.ConnectAsync(ct);
            await using var command = DuckDbWarehouse.Command(connection, sql);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<object?[]>();
            while (await reader.ReadAsync(ct))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : Primitive(reader.GetValue(i));
                rows.Add(row);
            }

            return rows;
        }
        catch (DuckDBException e) when (!DuckDbErrors.IsTransient(e))
        {
            throw DuckDbErrors.Scrubbed(e);
        }
    }

    /// <summary>DuckDB sums integers as HUGEINT (a BigInteger here): answered as a long when it fits, else a decimal, as
    /// PostgreSQL answers a sum (bigint or numeric), so callers that convert numbers keep working.</summary>
    private static object Primitive(object value) => value switch
    {
        BigInteger big when big >= long.MinValue && big <= long.MaxValue => (long)big,
        BigInteger big => (decimal)big,
        _ => value,
    };
}
