using System.Globalization;
using HealthDw.StateMachine.History;
using Npgsql;

namespace HealthDw.Cli.Local;

/// <summary>
/// This application's connections to PostgreSQL, named so that another healthdw process can find them: the
/// application_name is <c>healthdw HOST PID START</c> (the process and its start time, as an execution's owner is recorded).
/// PostgreSQL does not notice that a client was killed until it next writes to it, so a model's statement goes on for as
/// long as it takes, holding its locks; the next command then waits on those locks until its own statements time out.
/// At start-up every backend of a healthdw process on this machine that is gone is ended (pg_terminate_backend).
/// </summary>
public static class LocalPostgresBackends
{
    private const string Prefix = "healthdw ";

    /// <summary>PostgreSQL keeps 63 bytes of an application_name; the host part is cut to fit.</summary>
    private static string Host => new string(Environment.MachineName.Where(char.IsAsciiLetterOrDigit).Take(24).ToArray()) is { Length: > 0 } host
        ? host : "local";

    /// <summary>The connection string with this process's application_name.</summary>
    public static string Named(string connection) =>
        new NpgsqlConnectionStringBuilder(connection) { ApplicationName = NameOf(ExecutionOwner.Current) }.ConnectionString;

    public static string NameOf(ExecutionOwner owner) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Host} {owner.ProcessId} {owner.ProcessStart.ToUnixTimeSeconds()}");

    /// <summary>The owner an application_name names, when it is a healthdw process of this machine.</summary>
    public static ExecutionOwner? OwnerOf(string? applicationName)
    {
        var parts = (applicationName ?? "").Split(' ');
        return parts.Length == 4 && parts[0] + " " == Prefix && parts[1] == Host
            && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[3], CultureInfo.InvariantCulture, out var start)
            ? new ExecutionOwner(pid, DateTimeOffset.FromUnixTimeSeconds(start))
            : null;
    }

    /// <summary>Ends the backends, in this database, of healthdw processes of this machine that are gone, and waits until
    /// they have let go (at most <paramref name="wait"/>). Says what it ended; returns how many. A server that cannot be
    /// reached is left to the caller's first real statement, which says so.</summary>
    public static async Task<int> EndOrphansAsync(NpgsqlDataSource source, Action<string> say, CancellationToken ct, TimeSpan? wait = null)
    {
        try
        {
            var orphans = new List<(int Backend, ExecutionOwner Owner, string State)>();
            await using (var list = source.CreateCommand(
                "select pid, application_name, coalesce(state, '') from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and application_name like 'healthdw %'"))
            await using (var reader = await list.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    if (OwnerOf(reader.GetString(1)) is { } owner && owner.IsGone())
                        orphans.Add((reader.GetInt32(0), owner, reader.GetString(2)));
                }
            }

            if (orphans.Count == 0) return 0;
            var running = orphans.Count(o => o.State == "active");
            say($"healthdw: ending {orphans.Count} PostgreSQL connection(s) left by healthdw processes that are gone "
                + $"({string.Join(", ", orphans.Select(o => o.Owner.ProcessId).Distinct())}); {running} of them still running a statement");
            foreach (var orphan in orphans)
            {
                await using var end = source.CreateCommand("select pg_terminate_backend(@pid)");
                end.Parameters.AddWithValue("pid", orphan.Backend);
                await end.ExecuteScalarAsync(ct);
            }

            // pg_terminate_backend only signals: the locks go when the backend has exited.
            var until = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(30));
            var backends = orphans.Select(o => o.Backend).ToArray();
            while (DateTime.UtcNow < until)
            {
                await using var left = source.CreateCommand("select count(*) from pg_stat_activity where pid = any(@pids)");
                left.Parameters.AddWithValue("pids", backends);
                if (Convert.ToInt64(await left.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 0) break;
                await Task.Delay(100, ct);
            }

            return orphans.Count;
        }
        catch (NpgsqlException)
        {
            return 0;
        }
    }
}
