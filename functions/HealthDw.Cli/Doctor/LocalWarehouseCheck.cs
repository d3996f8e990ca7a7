using HealthDw.Cli.Local;
using HealthDw.Core.Doctor;
using HealthDw.Hosting;
using HealthDw.Hosting.DuckDb;
using HealthDw.Warehouse.DuckDb;
using HealthDw.Warehouse.Postgres;
using Npgsql;

namespace HealthDw.Cli.Doctor;

/// <summary>
/// The local warehouse answers: the embedded DuckDB file, the server named by <c>HEALTHDW_WAREHOUSE</c>, or the tool's own
/// server (started if it is not running, as every command does), and the pipeline's schema is in place there (created as a
/// first run would).
/// </summary>
public sealed class LocalWarehouseCheck(LocalSettings settings) : IDoctorCheck
{
    public const string CheckName = "warehouse";

    public string Name => CheckName;

    public IReadOnlyList<string> Needs => [ConfigurationCheck.CheckName];

    public async Task<DoctorFinding> RunAsync(CancellationToken ct)
    {
        if (settings.DuckDbFile is { } file) return await DuckDbAsync(file, ct);
        string connection;
        try
        {
            connection = settings.WarehouseConnection ?? await settings.LocalServer.EnsureStartedAsync(ct);
        }
        catch (WarehouseSetupException e)
        {
            return DoctorFinding.Fail(Name, "the tool's own PostgreSQL server could not start", e.Message);
        }

        var where = Describe(connection);
        try
        {
            await using var services = await HealthDwHost.BuildAsync(Options() with { Warehouse = new PostgresWarehouseOptions(connection) }, ct);
            var warehouse = (PostgresWarehouse)services.Ports.Warehouse;
            await using (var command = warehouse.DataSource.CreateCommand("select current_setting('server_version')"))
                where += $", PostgreSQL {await command.ExecuteScalarAsync(ct)}";
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            var fix = settings.WarehouseConnection is null
                ? "run healthdw warehouse stop, then healthdw warehouse start, and read its message"
                : "start the server HEALTHDW_WAREHOUSE names, or correct that connection string (unset it to use the tool's own server)";
            return DoctorFinding.Fail(Name, $"no answer from {where} ({Reason(e)})", fix);
        }

        return DoctorFinding.Ok(Name, $"{where}; schemas staging, analytics and audit in place");
    }

    private async Task<DoctorFinding> DuckDbAsync(string file, CancellationToken ct)
    {
        try
        {
            await using var services = await HealthDwHost.BuildAsync(Options() with { Warehouse = new DuckDbWarehouseOptions(file, settings.DuckDbWait) }, ct);
        }
        catch (DuckDbBusyException e)
        {
            return DoctorFinding.Fail(Name, $"the embedded warehouse {file} is in use by {e.Holder}", "run doctor again when that command is idle or has ended");
        }
        catch (DuckDB.NET.Data.DuckDBException e)
        {
            return DoctorFinding.Fail(Name, $"the embedded warehouse {file} could not be opened ({e.ErrorType})",
                "if another healthdw command (watch) holds it, wait for it to end; else remove the file (healthdw reset) and run again");
        }

        return DoctorFinding.Ok(Name, $"DuckDB {file}; schemas staging, analytics and audit in place");
    }

    /// <summary>The local pipeline's switches with its schemas created as a first run would, and no notifier (no secret is
    /// looked up).</summary>
    private HealthDwOptions Options() =>
        LocalPipeline.Options(settings) with { Notifier = new NotifierOptions(OutboxFolder: null, SlackSecretId: null), EnsureSchema = true };

    /// <summary>Where the warehouse is, without the password.</summary>
    private static string Describe(string connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        return $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }

    /// <summary>The server's SQLSTATE, or the kind of failure: never a message that might quote a value.</summary>
    private static string Reason(Exception e) => e switch
    {
        PostgresException p => $"SQLSTATE {p.SqlState}",
        { InnerException: System.Net.Sockets.SocketException s } => s.SocketErrorCode.ToString(),
        _ => e.GetType().Name,
    };
}
