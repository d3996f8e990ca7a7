using HealthDw.Core.Configuration;
using HealthDw.Core.Ports;
using Npgsql;

namespace HealthDw.Warehouse.Postgres;

/// <summary>One file's load: a transaction holding the ledger claim and a binary COPY.</summary>
internal sealed class PostgresStagingLoad : IStagingLoad
{
    private const int ListedLines = 100;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _table;
    private NpgsqlBinaryImporter? _importer;
    private bool _committed;

    private PostgresStagingLoad(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid loadId, string table)
    {
        _connection = connection;
        _transaction = transaction;
        _table = table;
        LoadId = loadId;
    }

    public Guid LoadId { get; }

    public IRowSink Rows { get; private set; } = null!;

    public static async Task<PostgresStagingLoad?> BeginAsync(NpgsqlDataSource source, LoadRequest request, CancellationToken ct)
    {
        var connection = await source.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            var file = request.File;
            await using (var settings = new NpgsqlCommand(
                "select set_config('healthdw.source_key', @key, true), set_config('healthdw.source_version', @version, true), "
                + "set_config('work_mem', '256MB', true)", connection, transaction))
            {
                settings.Parameters.AddWithValue("key", file.Key);
                settings.Parameters.AddWithValue("version", file.VersionToken);
                await settings.ExecuteNonQueryAsync(ct);
            }

            // Waits for a concurrent load of the same version to end; if that one committed, this one yields.
            await using (var claim = new NpgsqlCommand("""
                insert into audit.load_ledger (load_id, bucket, object_key, version_token, etag, version_id, size_bytes,
                                               table_name, drop_id, part, started_at)
                values (@load_id, @bucket, @key, @version, @etag, @version_id, @size, @table, @drop, @part, @started)
                on conflict (bucket, object_key, version_token) do nothing
                returning load_id
                """, connection, transaction))
            {
                claim.Parameters.AddWithValue("load_id", request.LoadId);
                claim.Parameters.AddWithValue("bucket", file.Bucket);
                claim.Parameters.AddWithValue("key", file.Key);
                claim.Parameters.AddWithValue("version", file.VersionToken);
                claim.Parameters.AddWithValue("etag", file.ETag);
                claim.Parameters.AddWithValue("version_id", (object?)file.VersionId ?? DBNull.Value);
                claim.Parameters.AddWithValue("size", file.Size);
                claim.Parameters.AddWithValue("table", request.Contract.Table);
                claim.Parameters.AddWithValue("drop", request.DropId);
                claim.Parameters.AddWithValue("part", (object?)request.Part ?? DBNull.Value);
                claim.Parameters.AddWithValue("started", request.StartedAt.ToUniversalTime());
                if (await claim.ExecuteScalarAsync(ct) is null)
                {
                    await connection.DisposeAsync();
                    return null;
                }
            }

            var load = new PostgresStagingLoad(connection, transaction, request.LoadId, request.Contract.Table);
            var columns = string.Join(", ", request.Contract.Columns.Select(c => c.Name.ToLowerInvariant()));
            load._importer = await connection.BeginBinaryImportAsync(
                $"copy staging.{request.Contract.Table} ({PostgresRowSink.MetadataColumns}, {columns}) from stdin (format binary)", ct);
            load.Rows = new PostgresRowSink(load._importer, request.LoadId);
            return load;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task AbortAsync(CancellationToken ct)
    {
        if (_importer is null) return;
        var importer = _importer;
        _importer = null;
        await DisposeQuietlyAsync(importer); // without Complete: the server cancels the COPY
    }

    private static async Task DisposeQuietlyAsync(NpgsqlBinaryImporter importer)
    {
        try
        {
            await importer.DisposeAsync();
        }
        catch (Exception e) when (e is NpgsqlException or ObjectDisposedException)
        {
            // The cancellation itself is reported as an error (or the connection is already broken); the transaction rolls
            // back below.
        }
    }

    public async Task FinishRowsAsync(CancellationToken ct)
    {
        if (_importer is null) return;
        var importer = _importer;
        _importer = null;
        try
        {
            await importer.CompleteAsync(ct);
        }
        finally
        {
            await DisposeQuietlyAsync(importer);
        }
    }

    public async Task<KeyViolations> FindDuplicateKeysAsync(IReadOnlyList<string> primaryKey, CancellationToken ct)
    {
        var key = string.Join(", ", primaryKey.Select(c => c.ToLowerInvariant()));
        await using (var any = new NpgsqlCommand(
            $"select exists (select 1 from staging.{_table} where _load_id = @load_id group by {key} having count(*) > 1)",
            _connection, _transaction))
        {
            any.Parameters.AddWithValue("load_id", LoadId);
            if (!(bool)(await any.ExecuteScalarAsync(ct))!) return KeyViolations.None; // the usual case: one pass, hashed
        }

        return await ViolationsAsync($"""
            select _source_line from (
                select _source_line, count(*) over (partition by {key}) as n
                from staging.{_table} where _load_id = @load_id) t
            where n > 1
            """, ct);
    }

    public async Task<KeyViolations> FindOrphansAsync(string column, ColumnReference reference, CancellationToken ct)
    {
        var col = column.ToLowerInvariant();
        var target = reference.Column.ToLowerInvariant();
        // The referenced column has no index, and the tables were just bulk-loaded, so their statistics may say "tiny": a
        // nested loop would then scan the referenced table once per row of the file (a minute for a few thousand rows).
        // One hashed anti-join reads it once, whatever the statistics say. (SET LOCAL: for this load's transaction only.)
        await using (var plan = new NpgsqlCommand("set local enable_nestloop = off", _connection, _transaction))
            await plan.ExecuteNonQueryAsync(ct);
        return await ViolationsAsync($"""
            select s._source_line from staging.{_table} s
            where s._load_id = @load_id and s.{col} is not null
              and not exists (select 1 from staging.{reference.Table} r where r.{target} = s.{col})
            """, ct);
    }

    public async Task<bool> HasLoadedDropAsync(string table, string dropId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "select exists (select 1 from audit.load_ledger where table_name = @table and drop_id = @drop and loaded_at is not null)",
            _connection, _transaction);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("drop", dropId);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task CommitAsync(long rows, CancellationToken ct)
    {
        await FinishRowsAsync(ct);
        await using (var command = new NpgsqlCommand(
            "update audit.load_ledger set rows_loaded = @rows, loaded_at = clock_timestamp() where load_id = @load_id",
            _connection, _transaction))
        {
            command.Parameters.AddWithValue("rows", rows);
            command.Parameters.AddWithValue("load_id", LoadId);
            await command.ExecuteNonQueryAsync(ct);
        }

        await _transaction.CommitAsync(ct);
        _committed = true;
    }

    private async Task<KeyViolations> ViolationsAsync(string linesQuery, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"with v as ({linesQuery}) select (select count(*) from v), array(select _source_line from v order by 1 limit {ListedLines})",
            _connection, _transaction);
        command.Parameters.AddWithValue("load_id", LoadId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var count = reader.GetInt64(0);
        return count == 0 ? KeyViolations.None : new KeyViolations(count, reader.GetFieldValue<long[]>(1));
    }

    public async ValueTask DisposeAsync()
    {
        await AbortAsync(CancellationToken.None);
        if (!_committed)
        {
            try
            {
                await _transaction.RollbackAsync();
            }
            catch (Exception e) when (e is NpgsqlException or ObjectDisposedException)
            {
                // The connection may already be gone (a failed COPY can break it: Npgsql then disposes the transaction); the
                // server rolls back on its own then. Disposing runs while the load's own error propagates: throwing here
                // would hide that error behind this one.
            }
        }

        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
