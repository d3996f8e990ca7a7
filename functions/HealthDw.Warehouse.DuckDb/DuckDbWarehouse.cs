using HealthDw.Warehouse;
using System.Data.Common;
using DuckDB.NET.Data;
using HealthDw.Core.Configuration;
using HealthDw.Core.Drops;
using HealthDw.Core.Ports;
using HealthDw.Core.Schema;

namespace HealthDw.Warehouse.DuckDb;

/// <summary>The warehouse port on DuckDB: the embedded local warehouse, one file under the state folder.</summary>
public sealed class DuckDbWarehouse(DuckDbDatabase database) : IWarehouse, IAsyncDisposable
{
    public static DuckDbWarehouse Open(string path) => new(DuckDbDatabase.Open(path));

    public DuckDbDatabase Database => database;

    public async Task EnsureSchemaAsync(PipelineConfig config, CancellationToken ct)
    {
        // DDL of two first runs in one process would conflict: one at a time.
        using var held = await database.LockAsync("schema", ct);
        await using var connection = await database.ConnectAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await Execute(connection, DuckDbSchema.Base, ct);
        var actual = await StagingColumnsAsync(connection, ct);
        // Before any staging DDL: a contract type change the warehouse cannot make losing nothing stops here, changing nothing.
        var widenings = StagingSchemaPlan.Widenings(config, actual.ToDictionary(t => t.Key,
            t => (IReadOnlyDictionary<string, ColumnType>)t.Value.Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value!, StringComparer.Ordinal),
            StringComparer.Ordinal), AlterLimits.DuckDb);
        foreach (var contract in config.Contracts.Values.OrderBy(c => c.Table, StringComparer.Ordinal))
        {
            var ddl = DuckDbSchema.StagingTable(contract, actual.GetValueOrDefault(contract.Table.ToLowerInvariant())?.Keys.ToHashSet(StringComparer.Ordinal));
            if (ddl.Length > 0) await Execute(connection, ddl, ct);
        }

        foreach (var change in widenings)
            await Execute(connection, DuckDbSchema.Widen(change), ct);
        await transaction.CommitAsync(ct);
        // Into the database file now, out of the write-ahead log: DuckDB cannot replay a logged CREATE TABLE whose columns
        // have defaults (now(), nextval) after the process was killed ("Failure while replaying WAL file … GetDefaultDatabase
        // with no default database set", duckdb/duckdb#19712), and would refuse to open the file at all.
        await Execute(connection, "checkpoint", ct);
    }

    public async Task<LedgerEntry?> FindLoadAsync(ObjectRef file, CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        await using var command = Command(connection, AuditRows.LedgerSelect + " where bucket = $1 and object_key = $2 and version_token = $3 and loaded_at is not null",
            file.Bucket, file.Key, file.VersionToken);
        return (await AuditRows.ReadLedgerAsync(command, ct)).FirstOrDefault();
    }

    public async Task<IStagingLoad?> BeginLoadAsync(LoadRequest request, CancellationToken ct) =>
        await DuckDbStagingLoad.BeginAsync(database, request, ct);

    public async Task RecordRejectionAsync(Rejection rejection, CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        await using var command = Command(connection, """
            insert into audit.file_rejections (bucket, object_key, version_token, table_name, drop_id, stage, problem_count,
                                               first_problem, error_report_key, rejected_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, rejection.Bucket, rejection.Key, rejection.VersionToken, rejection.Table, rejection.DropId, rejection.Stage,
            rejection.ProblemCount, rejection.FirstProblem, rejection.ErrorReportKey, rejection.RejectedAt.ToUniversalTime());
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<LedgerEntry>> RecentLoadsAsync(int limit, CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        await using var command = Command(connection, AuditRows.LedgerSelect + " where loaded_at is not null order by loaded_at desc limit $1", limit);
        return await AuditRows.ReadLedgerAsync(command, ct);
    }

    public async Task<IReadOnlyList<LedgerEntry>> DropLoadsAsync(string dropId, CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        await using var command = Command(connection, AuditRows.LedgerSelect + " where drop_id = $1 and loaded_at is not null order by loaded_at", dropId);
        return await AuditRows.ReadLedgerAsync(command, ct);
    }

    public async Task<IReadOnlyList<Rejection>> RecentRejectionsAsync(int limit, CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        await using var command = Command(connection, AuditRows.RejectionSelect + " order by rejection_id desc limit $1", limit);
        return await AuditRows.ReadRejectionsAsync(command, ct);
    }

    public async Task<IReadOnlyList<Rejection>> DropRejectionsAsync(string dropId, CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        await using var command = Command(connection, AuditRows.RejectionSelect + " where drop_id = $1 order by rejection_id", dropId);
        return await AuditRows.ReadRejectionsAsync(command, ct);
    }

    public async Task<DateTimeOffset?> LastPublishedAtAsync(string dropId, CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        await using var command = Command(connection, "select max(decided_at) from audit.drop_publications where drop_id = $1 and published", dropId);
        return AuditRows.Instant(await command.ExecuteScalarAsync(ct));
    }

    public async Task RecordPublishAttemptAsync(string dropId, string executionName, string kind, CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        await using var command = Command(connection,
            "insert into audit.publish_attempts (drop_id, execution_name, kind, recorded_at) values ($1, $2, $3, current_timestamp)",
            dropId, executionName, kind);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<PublishAttemptEvent>> PublishAttemptsAsync(string dropId, CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        await using var command = Command(connection, AuditRows.PublishAttemptSelect + " where drop_id = $1 order by recorded_at", dropId);
        return await AuditRows.ReadPublishAttemptsAsync(command, ct);
    }

    public async Task<IReadOnlyDictionary<string, long>> StagingRowCountsAsync(PipelineConfig config, CancellationToken ct)
    {
        var tables = config.Contracts.Keys.Order(StringComparer.Ordinal).ToList();
        await using var connection = await database.ConnectAsync(ct);
        await using var command = Command(connection, string.Join(" union all ", tables.Select(t => $"select '{t}', count(*) from staging.{t}")));
        var counts = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    /// <summary>A command with positional parameters (<c>$1</c>, <c>$2</c>, …); null goes as SQL NULL.</summary>
    internal static DuckDBCommand Command(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in parameters) command.Parameters.Add(new DuckDBParameter(value ?? DBNull.Value));
        return command;
    }


    /// <summary>The staging columns as DuckDB holds them, per table, as contract types (null for a type no contract declares).</summary>
    private static async Task<Dictionary<string, Dictionary<string, ColumnType?>>> StagingColumnsAsync(DuckDBConnection connection,
        CancellationToken ct)
    {
        var tables = new Dictionary<string, Dictionary<string, ColumnType?>>(StringComparer.Ordinal);
        await using var command = Command(connection, """
            select table_name, column_name, data_type, numeric_precision, numeric_scale, comment
            from duckdb_columns() where schema_name = 'staging' and database_name = current_database()
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            int? Number(int i) => reader.IsDBNull(i) ? null : Convert.ToInt32(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            var table = reader.GetString(0);
            if (!tables.TryGetValue(table, out var columns)) tables[table] = columns = new Dictionary<string, ColumnType?>(StringComparer.Ordinal);
            columns[reader.GetString(1)] = DuckDbSchema.ContractType(reader.GetString(2), Number(3), Number(4), reader.IsDBNull(5) ? null : reader.GetString(5));
        }

        return tables;
    }

    private static async Task Execute(DuckDBConnection connection, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
