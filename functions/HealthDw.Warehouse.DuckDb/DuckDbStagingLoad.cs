using DuckDB.NET.Data;
using HealthDw.Core.Configuration;
using HealthDw.Core.Ports;

namespace HealthDw.Warehouse.DuckDb;

/// <summary>
/// One file's load: a transaction holding the ledger claim and the rows. The rows are appended to a temporary table of the
/// load's own (the file's line, then the contract's columns, in the contract's order, whatever order the staging table's
/// columns are in after contract changes), checked there, then moved into staging with one INSERT … SELECT that adds the
/// source key, version and load id. Nothing is visible to others until the commit, which also writes the ledger row.
/// </summary>
internal sealed class DuckDbStagingLoad : IStagingLoad
{
    private const int ListedLines = 100;
    private readonly DuckDBConnection _connection;
    private readonly DuckDBTransaction _transaction;
    private readonly IDisposable _claim;
    private readonly LoadRequest _request;
    private readonly string _rows;
    private DuckDBAppender? _appender;
    private DuckDbRowSink? _sink;
    private bool _committed;
    private bool _disposed;

    private DuckDbStagingLoad(DuckDBConnection connection, DuckDBTransaction transaction, IDisposable claim, LoadRequest request)
    {
        _connection = connection;
        _transaction = transaction;
        _claim = claim;
        _request = request;
        _rows = $"load_{request.LoadId:N}";
    }

    public Guid LoadId => _request.LoadId;

    public IRowSink Rows => _sink ?? throw new InvalidOperationException("the load has not begun");

    private string Table => _request.Contract.Table;

    public static async Task<DuckDbStagingLoad?> BeginAsync(DuckDbDatabase database, LoadRequest request, CancellationToken ct)
    {
        var file = request.File;
        // DuckDB does not make a second claim of one version wait for the first (both inserts succeed; the later commit
        // fails): a load of the same version waits here instead, and then finds the first one's claim.
        var claim = await database.LockAsync($"load:{file.Bucket}/{file.Key}@{file.VersionToken}", ct);
        DuckDBConnection? connection = null;
        try
        {
            connection = await database.ConnectAsync(ct);
            var transaction = connection.BeginTransaction();
            await using (var insert = DuckDbWarehouse.Command(connection, """
                insert into audit.load_ledger (load_id, bucket, object_key, version_token, etag, version_id, size_bytes,
                                               table_name, drop_id, part, started_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                on conflict (bucket, object_key, version_token) do nothing
                returning load_id
                """, request.LoadId, file.Bucket, file.Key, file.VersionToken, file.ETag, file.VersionId, file.Size,
                request.Contract.Table, request.DropId, request.Part, request.StartedAt.ToUniversalTime()))
            {
                if (await insert.ExecuteScalarAsync(ct) is null)
                {
                    await connection.DisposeAsync();
                    claim.Dispose();
                    return null;
                }
            }

            var load = new DuckDbStagingLoad(connection, transaction, claim, request);
            var columns = string.Join(", ", request.Contract.Columns.Select(c => $"{c.Name.ToLowerInvariant()} {c.Type.ToSql()}"));
            await using (var create = DuckDbWarehouse.Command(connection, $"create temporary table {load._rows} (_source_line bigint, {columns})"))
                await create.ExecuteNonQueryAsync(ct);
            load._appender = connection.CreateAppender("temp", "main", load._rows);
            load._sink = new DuckDbRowSink(load._appender);
            return load;
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync();
            claim.Dispose();
            throw;
        }
    }

    public Task AbortAsync(CancellationToken ct)
    {
        if (_appender is null) return Task.CompletedTask;
        var appender = _appender;
        _appender = null;
        try
        {
            appender.Clear();
            appender.Dispose();
        }
        catch (DuckDBException)
        {
            // A half-written row cannot be closed cleanly; the transaction rolls back below and takes the table with it.
        }

        return Task.CompletedTask;
    }

    public async Task FinishRowsAsync(CancellationToken ct)
    {
        if (_appender is null) return;
        var appender = _appender;
        _appender = null;
        _sink!.EndRows();
        appender.Close();
        appender.Dispose();
        var columns = string.Join(", ", _request.Contract.Columns.Select(c => c.Name.ToLowerInvariant()));
        await using var move = DuckDbWarehouse.Command(_connection, $"""
            insert into staging.{Table} (_source_line, {columns}, _source_key, _source_version, _load_id)
            select _source_line, {columns}, $1, $2, $3 from temp.main.{_rows}
            """, _request.File.Key, _request.File.VersionToken, LoadId);
        await move.ExecuteNonQueryAsync(ct);
    }

    public async Task<KeyViolations> FindDuplicateKeysAsync(IReadOnlyList<string> primaryKey, CancellationToken ct)
    {
        var key = string.Join(", ", primaryKey.Select(c => c.ToLowerInvariant()));
        await using (var any = DuckDbWarehouse.Command(_connection,
            $"select exists (select 1 from temp.main.{_rows} group by {key} having count(*) > 1)"))
        {
            if (!(bool)(await any.ExecuteScalarAsync(ct))!) return KeyViolations.None; // the usual case: one pass, hashed
        }

        return await ViolationsAsync($"""
            select _source_line from (
                select _source_line, count(*) over (partition by {key}) as n from temp.main.{_rows}) t
            where n > 1
            """, ct);
    }

    public Task<KeyViolations> FindOrphansAsync(string column, ColumnReference reference, CancellationToken ct)
    {
        var col = column.ToLowerInvariant();
        var target = reference.Column.ToLowerInvariant();
        return ViolationsAsync($"""
            select s._source_line from temp.main.{_rows} s
            where s.{col} is not null
              and not exists (select 1 from staging.{reference.Table} r where r.{target} = s.{col})
            """, ct);
    }

    public async Task<bool> HasLoadedDropAsync(string table, string dropId, CancellationToken ct)
    {
        await using var command = DuckDbWarehouse.Command(_connection,
            "select exists (select 1 from audit.load_ledger where table_name = $1 and drop_id = $2 and loaded_at is not null)", table, dropId);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task CommitAsync(long rows, CancellationToken ct)
    {
        await FinishRowsAsync(ct);
        await using (var drop = DuckDbWarehouse.Command(_connection, $"drop table temp.main.{_rows}"))
            await drop.ExecuteNonQueryAsync(ct);
        // The wall clock, as PostgreSQL's clock_timestamp(): DuckDB's now() is the transaction's start.
        await using (var command = DuckDbWarehouse.Command(_connection,
            "update audit.load_ledger set rows_loaded = $1, loaded_at = $2 where load_id = $3", rows, DateTimeOffset.UtcNow, LoadId))
            await command.ExecuteNonQueryAsync(ct);
        await _transaction.CommitAsync(ct);
        _committed = true;
    }

    private async Task<KeyViolations> ViolationsAsync(string linesQuery, CancellationToken ct)
    {
        long count;
        await using (var command = DuckDbWarehouse.Command(_connection, $"select count(*) from ({linesQuery}) v"))
            count = (long)(await command.ExecuteScalarAsync(ct))!;
        if (count == 0) return KeyViolations.None;
        var lines = new List<long>();
        await using (var command = DuckDbWarehouse.Command(_connection, $"select _source_line from ({linesQuery}) v order by 1 limit {ListedLines}"))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) lines.Add(reader.GetInt64(0));
        }

        return new KeyViolations(count, lines);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            await AbortAsync(CancellationToken.None);
            if (!_committed)
            {
                try
                {
                    await _transaction.RollbackAsync();
                }
                catch (Exception e) when (e is DuckDBException or InvalidOperationException)
                {
                    // Disposing runs while the load's own error propagates: throwing here would hide that error behind this
                    // one. Closing the connection rolls back what is left.
                }
            }

            await _transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
        finally
        {
            _claim.Dispose();
        }
    }
}
