using System.Collections.Concurrent;
using DuckDB.NET.Data;

namespace HealthDw.Warehouse.DuckDb;

/// <summary>
/// One DuckDB database file, open in this process. DuckDB lets one process at a time open a file for writing, so every
/// writer is in this process: what PostgreSQL serialises with row locks (two loads claiming one file version, two alerts of
/// one group) is serialised here with in-process locks, before the transaction starts. A connection is kept open for the
/// database's lifetime so the file stays open (and its catalog loaded) between the short-lived connections of each call.
/// </summary>
public sealed class DuckDbDatabase : IAsyncDisposable
{
    private readonly DuckDBConnection _anchor;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    private DuckDbDatabase(string connectionString, DuckDBConnection anchor)
    {
        ConnectionString = connectionString;
        _anchor = anchor;
    }

    public string ConnectionString { get; }

    /// <summary>Opens (creating if need be) the database file at <paramref name="path"/>, or an in-memory one for <c>:memory:</c>.</summary>
    public static DuckDbDatabase Open(string path)
    {
        if (path != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        var connectionString = new DuckDBConnectionStringBuilder { DataSource = path }.ConnectionString;
        var anchor = new DuckDBConnection(connectionString);
        try
        {
            anchor.Open();
        }
        catch
        {
            anchor.Dispose();
            throw;
        }

        return new DuckDbDatabase(connectionString, anchor);
    }

    /// <summary>A new connection to the database (DuckDB shares the open database among a process's connections).</summary>
    public DuckDBConnection Connect()
    {
        if (_anchor.DataSource == ":memory:") return _anchor.Duplicate();
        var connection = new DuckDBConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Waits for, then holds, the in-process lock named <paramref name="name"/>; disposing the result releases it.</summary>
    public async Task<IDisposable> LockAsync(string name, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Held(gate);
    }

    public ValueTask DisposeAsync() => _anchor.DisposeAsync();

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
