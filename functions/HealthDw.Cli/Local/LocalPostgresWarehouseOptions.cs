using HealthDw.Hosting;
using Npgsql;

namespace HealthDw.Cli.Local;

/// <summary>The local host's PostgreSQL warehouse: the server HEALTHDW_WAREHOUSE names, or the tool's own (started, when it
/// is not running, as the pipeline opens, after the configuration has been read). Its connections carry this process's
/// name, and the backends that healthdw processes now gone left running are ended first (<see cref="LocalPostgresBackends"/>);
/// then the composition root's PostgreSQL switch over it.</summary>
public sealed record LocalPostgresWarehouseOptions(string? Connection, LocalPostgresServer Server) : WarehouseOptions
{
    public override async Task<WarehouseAdapters> OpenAsync(WarehouseContext context, CancellationToken ct)
    {
        var connection = LocalPostgresBackends.Named(Connection ?? await Server.EnsureStartedAsync(ct));
        await using (var source = NpgsqlDataSource.Create(connection))
            await LocalPostgresBackends.EndOrphansAsync(source, message => Console.Error.WriteLine(message), ct);
        return await new PostgresWarehouseOptions(connection).OpenAsync(context, ct);
    }
}
