using HealthDw.Warehouse.DuckDb;

namespace HealthDw.Hosting.DuckDb;

/// <summary>The embedded warehouse: one DuckDB file, opened by one process at a time.</summary>
/// <param name="BusyWait">How long to wait for another process to let go of the file; null fails at once.</param>
/// <param name="Waiting">Told, while it waits, which process holds the file.</param>
public sealed record DuckDbWarehouseOptions(string File, TimeSpan? BusyWait = null, Action<string>? Waiting = null) : WarehouseOptions
{
    public override Task<WarehouseAdapters> OpenAsync(WarehouseContext context, CancellationToken ct)
    {
        var database = DuckDbDatabase.Open(File, BusyWait, Waiting);
        return Task.FromResult(new WarehouseAdapters(new DuckDbWarehouse(database), new DuckDbSqlRunner(database), new DuckDbDialect(),
            new DuckDbCheckHistory(database), new DuckDbAlertWindow(database), database));
    }
}
