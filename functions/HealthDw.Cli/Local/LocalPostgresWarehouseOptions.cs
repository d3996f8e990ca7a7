using HealthDw.Hosting;

namespace HealthDw.Cli.Local;

/// <summary>The tool's own PostgreSQL server as the warehouse: started (when it is not running) as the pipeline opens, after
/// the configuration has been read, then the composition root's PostgreSQL switch over it.</summary>
public sealed record LocalPostgresWarehouseOptions(LocalPostgresServer Server) : WarehouseOptions
{
    public override async Task<WarehouseAdapters> OpenAsync(WarehouseContext context, CancellationToken ct) =>
        await new PostgresWarehouseOptions(await Server.EnsureStartedAsync(ct)).OpenAsync(context, ct);
}
