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
/// </list>
/// </summary>
public sealed partial class DuckDbDatabase : IAsyncDisposable
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(100);
    private readonly DuckDBConnection? _memory;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

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

    public ValueTask DisposeAsync() => _memory?.DisposeAsync() ?? ValueTask.CompletedTask;

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
