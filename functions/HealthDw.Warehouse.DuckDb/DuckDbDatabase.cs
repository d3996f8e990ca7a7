using System.Collections.Concurrent;
using DuckDB.NET.Data;

namespace HealthDw.Warehouse.DuckDb;

/// <summary>
/// One DuckDB database file. DuckDB lets one process at a time open a file for writing, so:
/// <list type="bullet">
/// <item>Every writer of the file is in this process while it has it open: what PostgreSQL serialises with row locks (two
/// loads claiming one file version, two alerts of one group) is serialised here with in-process locks
/// (<see cref="LockAsync"/>), before the transaction starts.</item>
/// <item>The file is open only while a connection is (DuckDB closes it with the process's last connection), so a long-running
/// command such as <c>watch</c> holds it only while it works, and another process can open it in between.</item>
/// <item>A connection that finds the file held by another process waits for it (<see cref="BusyWait"/>), then fails with a
/// <see cref="DuckDbBusyException"/> naming that process: never DuckDB's raw lock error.</item>
/// <item>Opening the file costs about 100 ms (catalog read, and a checkpoint when the last connection closes), where a
/// query on an open file takes a few: a publish runs a hundred statements one after another, each on a connection of its
/// own. So the file stays open for <see cref="Linger"/> after the last connection closes, and a connection that comes within
/// it finds the file open.</item>
/// </list>
/// </summary>
public sealed partial class DuckDbDatabase : IAsyncDisposable
{
    /// <summary>How long the file stays open after the last connection closed: long enough to bridge the gap between one
    /// statement and the next, short enough that another process waiting for the file hardly notices.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(100);
    private readonly DuckDBConnection? _memory;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DuckDBConnection? _keeper; // holds the file open between connections that follow each other closely
    private int _open; // connections handed out and not disposed yet
    private long _generation; // which release a lingering close belongs to: a connection opened since cancels it
    private bool _disposed;

    private DuckDbDatabase(string path, string connectionString, DuckDBConnection? memory, TimeSpan? busyWait, Action<string>? waiting)
    {
        BusyWait = busyWait ?? TimeSpan.FromSeconds(30);
        Waiting = waiting;
        Path = path;
        ConnectionString = connectionString;
        _memory = memory;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>How long a connection waits for another process to let go of the file.</summary>
    public TimeSpan BusyWait { get; }

    /// <summary>Told once per wait that the file is held by another process (what to show the person waiting).</summary>
    public Action<string>? Waiting { get; }

    /// <summary>The database file at <paramref name="path"/> (created with its folder on first use), or an in-memory database
    /// for <c>:memory:</c> (kept open until disposed: it would vanish with its last connection).</summary>
    /// <param name="busyWait">How long to wait for another process to let go of the file (30 s when null).</param>
    /// <param name="waiting">Told once per wait that another process holds the file.</param>
    public static DuckDbDatabase Open(string path, TimeSpan? busyWait = null, Action<string>? waiting = null)
    {
        var connectionString = new DuckDBConnectionStringBuilder { DataSource = path }.ConnectionString;
        if (path == ":memory:")
        {
            var memory = new DuckDBConnection(connectionString);
            memory.Open();
            return new DuckDbDatabase(path, connectionString, memory, busyWait, waiting);
        }

        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        return new DuckDbDatabase(path, connectionString, null, busyWait, waiting);
    }

    /// <summary>A new connection to the database (DuckDB shares the open database among a process's connections), once no
    /// other process holds the file; <see cref="DuckDbBusyException"/> when it still does after <see cref="BusyWait"/>.</summary>
    public async Task<DuckDBConnection> ConnectAsync(CancellationToken ct)
    {
        if (_memory is not null) return _memory.Duplicate();
        var started = DateTime.UtcNow;
        var told = false;
        while (true)
        {
            var connection = new DuckDBConnection(ConnectionString);
            try
            {
                connection.Open();
                Track(connection);
                return connection;
            }
            catch (DuckDBException e) when (HeldElsewhere(e) is { } holder)
            {
                await connection.DisposeAsync();
                var waited = DateTime.UtcNow - started;
                if (waited >= BusyWait) throw new DuckDbBusyException(Path, holder, waited);
                if (!told) Waiting?.Invoke($"the warehouse {Path} is in use by {holder}; waiting up to {BusyWait.TotalSeconds:0} s for it");
                told = true;
                await Task.Delay(Retry, ct);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>The process holding the file, when that is why DuckDB could not open it ("Could not set lock on file …
    /// Conflicting lock is held in … (PID n)"); its command line where the system shows it (Linux /proc).</summary>
    private static string? HeldElsewhere(DuckDBException e)
    {
        if (!e.Message.Contains("Could not set lock on file", StringComparison.Ordinal)) return null;
        if (HolderPid().Match(e.Message) is not { Success: true } match) return "another process";
        var pid = match.Groups[1].Value;
        try
        {
            var command = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return command.Length > 0 ? $"process {pid} ({command})" : $"process {pid}";
        }
        catch (Exception io) when (io is IOException or UnauthorizedAccessException)
        {
            return $"process {pid}";
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\(PID (\d+)\)")]
    private static partial System.Text.RegularExpressions.Regex HolderPid();

    /// <summary>Waits for, then holds, the in-process lock named <paramref name="name"/>; disposing the result releases it.</summary>
    public async Task<IDisposable> LockAsync(string name, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Held(gate);
    }

    /// <summary>Counts the connection as open until it is disposed, and keeps the file open while any is.</summary>
    private void Track(DuckDBConnection connection)
    {
        lock (_gate)
        {
            _open++;
            _generation++;
            if (_keeper is null && !_disposed)
            {
                // The file is open already (by the connection), so this attaches to it at no cost.
                var keeper = new DuckDBConnection(ConnectionString);
                keeper.Open();
                _keeper = keeper;
            }
        }

        var released = 0;
        connection.Disposed += (_, _) =>
        {
            if (Interlocked.Exchange(ref released, 1) == 0) Release();
        };
    }

    private void Release()
    {
        long generation;
        lock (_gate)
        {
            if (--_open > 0) return;
            generation = _generation;
        }

        _ = CloseAfterLingerAsync(generation);
    }

    private async Task CloseAfterLingerAsync(long generation)
    {
        await Task.Delay(Linger);
        DuckDBConnection? keeper;
        lock (_gate)
        {
            if (_open > 0 || _generation != generation) return; // used again meanwhile: that use's release closes it
            keeper = _keeper;
            _keeper = null;
        }

        keeper?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        DuckDBConnection? keeper;
        lock (_gate)
        {
            _disposed = true;
            keeper = _keeper;
            _keeper = null;
        }

        if (keeper is not null) await keeper.DisposeAsync();
        if (_memory is not null) await _memory.DisposeAsync();
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
