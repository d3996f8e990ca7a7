using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HealthDw.Cli.Local;

/// <summary>
/// The throwaway-but-persistent PostgreSQL server that stands for Snowflake on a laptop: found on
/// the machine, initialised on first use under <c>.healthdw/pg</c>, started when stopped and left
/// running. Works as an ordinary user and as root (the server then runs as the postgres user).
/// </summary>
public sealed class LocalPostgresServer
{
    public const string Database = "healthdw";
    private readonly string _binDir;
    private readonly string _home;
    private readonly bool _durable;
    private readonly Func<int> _choosePort;

    /// <summary>How many ports a start tries when the one it chose was taken before PostgreSQL could bind it.</summary>
    public const int PortAttempts = 5;

    /// <param name="home">Folder for the cluster (data, log); created if missing.</param>
    /// <param name="durable">False turns fsync off: for test clusters that are thrown away.</param>
    /// <param name="choosePort">Where a start's port comes from: by default one the OS hands out (bound, then released).</param>
    public LocalPostgresServer(string home, bool durable = true, string? binDir = null, Func<int>? choosePort = null)
    {
        _choosePort = choosePort ?? FreePort;
        _binDir = binDir ?? FindBinaries() ?? throw new WarehouseSetupException(
            "no PostgreSQL server binaries (initdb, pg_ctl) found. Install them (Debian/Ubuntu: apt-get install postgresql; "
            + "macOS: brew install postgresql@16), set HEALTHDW_PG_BIN to their folder, or point HEALTHDW_WAREHOUSE at a "
            + "server: HEALTHDW_WAREHOUSE='Host=...;Username=...;Password=...;Database=...'");
        _home = Path.GetFullPath(home);
        _durable = durable;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private string DataDir => Path.Combine(_home, "data");

    /// <summary>Starts the server if needed and returns a connection string to its <c>healthdw</c> database.</summary>
    public async Task<string> EnsureStartedAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_home);
        if (IsRoot) await HandToPostgresUserAsync(ct);
        if (!File.Exists(Path.Combine(DataDir, "PG_VERSION")))
        {
            await RunAsync("initdb", ["-D", DataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], ct);
        }

        var port = RunningPort() ?? await StartOnAFreePortAsync(ct);
        var admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
        await using (var connection = new Npgsql.NpgsqlConnection(admin))
        {
            await connection.OpenAsync(ct);
            await using var exists = new Npgsql.NpgsqlCommand($"select 1 from pg_database where datname = '{Database}'", connection);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new Npgsql.NpgsqlCommand($"create database {Database}", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
        }

        return $"Host=127.0.0.1;Port={port};Username=postgres;Database={Database}";
    }

    /// <summary>
    /// PostgreSQL cannot be told to take a port the OS picks, so the port is chosen first and bound by the server after: in
    /// between, another process (test processes run in parallel, each starting its own server) can take it. A start whose
    /// bind fails tries the next port.
    /// </summary>
    private async Task<int> StartOnAFreePortAsync(CancellationToken ct)
    {
        var log = Path.Combine(_home, "server.log");
        for (var attempt = 1; ; attempt++)
        {
            var port = _choosePort();
            // An error's message can quote a cell value: the client gets it scrubbed, and the server log does not keep it.
            var options = string.Create(CultureInfo.InvariantCulture,
                $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_wal_size=4GB -c max_connections=200")
                + " -c log_min_messages=fatal -c log_min_error_statement=panic"
                + (_durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            var logged = File.Exists(log) ? new FileInfo(log).Length : 0;
            try
            {
                await RunAsync("pg_ctl", ["-D", DataDir, "-l", log, "-w", "-t", "60", "-o", options, "start"], ct);
            }
            catch (WarehouseSetupException) when (attempt < PortAttempts && PortWasTaken(log, logged))
            {
                continue;
            }

            return RunningPort() ?? throw new WarehouseSetupException($"PostgreSQL did not start; see {log}");
        }
    }

    /// <summary>Whether what the server logged since <paramref name="from"/> says its port was in use.</summary>
    private static bool PortWasTaken(string log, long from)
    {
        if (!File.Exists(log)) return false;
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
        var text = new StreamReader(stream).ReadToEnd();
        return text.Contains("could not create any TCP/IP sockets", StringComparison.Ordinal)
            || text.Contains("Address already in use", StringComparison.Ordinal);
    }

    public async Task<bool> StopAsync(CancellationToken ct)
    {
        if (RunningPort() is null) return false;
        await RunAsync("pg_ctl", ["-D", DataDir, "-w", "-t", "60", "-m", "fast", "stop"], ct);
        return true;
    }

    /// <summary>The port of the running server, from its postmaster.pid, or null when it is not running.</summary>
    private int? RunningPort()
    {
        var pidFile = Path.Combine(DataDir, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var lines = File.ReadAllLines(pidFile);
        if (lines.Length < 4 || !int.TryParse(lines[0], CultureInfo.InvariantCulture, out var pid)) return null;
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited) return null;
        }
        catch (ArgumentException)
        {
            return null; // stale pid file after a crash: pg_ctl start copes with it
        }

        return int.TryParse(lines[3], CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>initdb and postgres refuse to run as root: the cluster belongs to the postgres user.</summary>
    private async Task HandToPostgresUserAsync(CancellationToken ct)
    {
        var (code, _) = await ExecAsync("id", ["-u", "postgres"], ct);
        if (code != 0)
            throw new WarehouseSetupException("running as root, PostgreSQL needs a 'postgres' user to run as: create one (useradd --system postgres) or run as an ordinary user");
        await ExecAsync("chown", ["-R", "postgres", _home], ct);
        var (reach, _) = await ExecAsync("runuser", ["-u", "postgres", "--", "test", "-w", _home], ct);
        if (reach != 0)
            throw new WarehouseSetupException($"the postgres user cannot reach {_home}: a folder above it is closed to other users. "
                + "Run from a folder under /tmp or /work, or set HEALTHDW_HOME to one");
    }

    private async Task RunAsync(string tool, IReadOnlyList<string> args, CancellationToken ct)
    {
        var path = Path.Combine(_binDir, tool);
        var (code, output) = IsRoot
            ? await ExecAsync("runuser", ["-u", "postgres", "--", path, .. args], ct)
            : await ExecAsync(path, args, ct);
        if (code != 0)
            throw new WarehouseSetupException($"{tool} failed (exit {code}): {output.Trim()}");
    }

    private static async Task<(int Code, string Output)> ExecAsync(string file, IReadOnlyList<string> args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new WarehouseSetupException($"could not start {file}");
        // With -l, pg_ctl points the server's output at the log file, so these pipes close when the tool exits.
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, (await stderr) + (await stdout));
    }

    /// <summary>HEALTHDW_PG_BIN, then the newest /usr/lib/postgresql/*/bin, then the PATH.</summary>
    public static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("HEALTHDW_PG_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb")) && File.Exists(Path.Combine(configured, "pg_ctl"))
                ? configured
                : throw new WarehouseSetupException($"HEALTHDW_PG_BIN is {configured}, but there is no initdb and pg_ctl in that folder");
        }

        var candidates = new List<string>();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange(["/usr/local/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin"]);
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }
}
