using HealthDw.Warehouse.Postgres;

namespace HealthDw.Hosting;

/// <summary>A PostgreSQL warehouse: the local server, a self-hosted one, and the Lambda package's end-to-end tests.</summary>
public sealed record PostgresWarehouseOptions(string Connection) : WarehouseOptions
{
    public override Task<WarehouseAdapters> OpenAsync(WarehouseContext context, CancellationToken ct)
    {
        var warehouse = PostgresWarehouse.Connect(Connection);
        var source = warehouse.DataSource;
        return Task.FromResult(new WarehouseAdapters(warehouse, new PostgresSqlRunner(source), new PostgresDialect(), new PostgresCheckHistory(source),
            new PostgresAlertWindow(source), warehouse));
    }
}
