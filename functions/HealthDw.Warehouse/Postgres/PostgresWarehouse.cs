using HealthDw.Core.Configuration;
using HealthDw.Core.Drops;
using HealthDw.Core.Ports;
using HealthDw.Core.Schema;
using Npgsql;

namespace HealthDw.Warehouse.Postgres;

/// <summary>The warehouse port on PostgreSQL (15+), the local stand-in for Snowflake.</summary>
public sealed class PostgresWarehouse(NpgsqlDataSource source) : IWarehouse, IAsyncDisposable
{
    public static PostgresWarehouse Connect(string connectionString) => new(NpgsqlDataSource.Create(connectionString));

    public NpgsqlDataSource DataSource => source;

    public async Task EnsureSchemaAsync(PipelineConfig config, CancellationToken ct)
    {
        await using var connection = await source.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Serialise concurrent first runs: "create ... if not exists" alone can race.
        await Execute(connection, transaction, "select pg_advisory_xact_lock(4242001)", ct);
        await Execute(connection, transaction, PostgresSchema.Base, ct);
        // Before any staging DDL: a contract type change the warehouse cannot make losing nothing stops here, changing nothing.
        var widenings = StagingSchemaPlan.Widenings(config, await StagingColumnsAsync(connection, transaction, ct), AlterLimits.PostgreSql);
        foreach (var contract in config.Contracts.Values.OrderBy(c => c.Table, StringComparer.Ordinal))
            await Execute(connection, transaction, PostgresSchema.StagingTable(contract), ct);
        foreach (var change in widenings)
            await Execute(connection, transaction, PostgresSchema.Widen(change), ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<LedgerEntry?> FindLoadAsync(ObjectRef file, CancellationToken ct)
    {
        await using var command = source.CreateCommand(AuditRows.LedgerSelect + """
             where bucket = @bucket and object_key = @key and version_token = @version and loaded_at is not null
            """);
        command.Parameters.AddWithValue("bucket", file.Bucket);
        command.Parameters.AddWithValue("key", file.Key);
        command.Parameters.AddWithValue("version", file.VersionToken);
        return (await AuditRows.ReadLedgerAsync(command, ct)).FirstOrDefault();
    }

    public async Task<IStagingLoad?> BeginLoadAsync(LoadRequest request, CancellationToken ct) =>
        await PostgresStagingLoad.BeginAsync(source, request, ct);

    public async Task RecordRejectionAsync(Rejection rejection, CancellationToken ct)
    {
        await using var command = source.CreateCommand("""
            insert into audit.file_rejections (bucket, object_key, version_token, table_name, drop_id, stage, problem_count,
                                               first_problem, error_report_key, rejected_at)
            values (@bucket, @key, @version, @table, @drop, @stage, @count, @first, @report, @at)
            """);
        command.Parameters.AddWithValue("bucket", rejection.Bucket);
        command.Parameters.AddWithValue("key", rejection.Key);
        command.Parameters.AddWithValue("version", rejection.VersionToken);
        command.Parameters.AddWithValue("table", (object?)rejection.Table ?? DBNull.Value);
        command.Parameters.AddWithValue("drop", (object?)rejection.DropId ?? DBNull.Value);
        command.Parameters.AddWithValue("stage", rejection.Stage);
        command.Parameters.AddWithValue("count", rejection.ProblemCount);
        command.Parameters.AddWithValue("first", rejection.FirstProblem);
        command.Parameters.AddWithValue("report", rejection.ErrorReportKey);
        command.Parameters.AddWithValue("at", rejection.RejectedAt.ToUniversalTime());
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<LedgerEntry>> RecentLoadsAsync(int limit, CancellationToken ct)
    {
        await using var command = source.CreateCommand(AuditRows.LedgerSelect + " where loaded_at is not null order by loaded_at desc limit @limit");
        command.Parameters.AddWithValue("limit", limit);
        return await AuditRows.ReadLedgerAsync(command, ct);
    }

    public async Task<IReadOnlyList<LedgerEntry>> DropLoadsAsync(string dropId, CancellationToken ct)
    {
        await using var command = source.CreateCommand(AuditRows.LedgerSelect + " where drop_id = @drop and loaded_at is not null order by loaded_at");
        command.Parameters.AddWithValue("drop", dropId);
        return await AuditRows.ReadLedgerAsync(command, ct);
    }

    public async Task<IReadOnlyList<Rejection>> RecentRejectionsAsync(int limit, CancellationToken ct)
    {
        await using var command = source.CreateCommand(AuditRows.RejectionSelect + " order by rejection_id desc limit @limit");
        command.Parameters.AddWithValue("limit", limit);
        return await AuditRows.ReadRejectionsAsync(command, ct);
    }

    public async Task<IReadOnlyList<Rejection>> DropRejectionsAsync(string dropId, CancellationToken ct)
    {
        await using var command = source.CreateCommand(AuditRows.RejectionSelect + " where drop_id = @drop order by rejection_id");
        command.Parameters.AddWithValue("drop", dropId);
        return await AuditRows.ReadRejectionsAsync(command, ct);
    }

    public async Task<DateTimeOffset?> LastPublishedAtAsync(string dropId, CancellationToken ct)
    {
        await using var command = source.CreateCommand("select max(decided_at) from audit.drop_publications where drop_id = @drop and published");
        command.Parameters.AddWithValue("drop", dropId);
        return await command.ExecuteScalarAsync(ct) is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    public async Task RecordPublishAttemptAsync(string dropId, string executionName, string kind, CancellationToken ct)
    {
        await using var command = source.CreateCommand(
            "insert into audit.publish_attempts (drop_id, execution_name, kind, recorded_at) values (@drop, @name, @kind, clock_timestamp())");
        command.Parameters.AddWithValue("drop", dropId);
        command.Parameters.AddWithValue("name", executionName);
        command.Parameters.AddWithValue("kind", kind);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<PublishAttemptEvent>> PublishAttemptsAsync(string dropId, CancellationToken ct)
    {
        await using var command = source.CreateCommand(AuditRows.PublishAttemptSelect + " where drop_id = @drop order by recorded_at");
        command.Parameters.AddWithValue("drop", dropId);
        return await AuditRows.ReadPublishAttemptsAsync(command, ct);
    }

    public async Task<IReadOnlyDictionary<string, long>> StagingRowCountsAsync(PipelineConfig config, CancellationToken ct)
    {
        var tables = config.Contracts.Keys.Order(StringComparer.Ordinal).ToList();
        await using var command = source.CreateCommand(string.Join(" union all ",
            tables.Select(t => $"select '{t}', count(*) from staging.{t}")));
        var counts = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    public ValueTask DisposeAsync() => source.DisposeAsync();

    /// <summary>The staging columns as PostgreSQL holds them, per table, as contract types (others are left out).</summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, ColumnType>>> StagingColumnsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var tables = new Dictionary<string, Dictionary<string, ColumnType>>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("""
            select table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale
            from information_schema.columns where table_schema = 'staging'
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            int? Number(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
            if (PostgresSchema.ContractType(reader.GetString(2), Number(3), Number(4), Number(5)) is not { } type) continue;
            var table = reader.GetString(0);
            if (!tables.TryGetValue(table, out var columns)) tables[table] = columns = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
            columns[reader.GetString(1)] = type;
        }

        return tables.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, ColumnType>)t.Value, StringComparer.Ordinal);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
