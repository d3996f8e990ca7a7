using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Storage;
using HealthDw.Tests.Support;
using HealthDw.Warehouse.Postgres;

namespace HealthDw.Snowflake.Tests.Behaviour;

/// <summary>The shared suite on the local warehouse: PostgreSQL (one server per run, a fresh database per test) with the
/// streaming loader, as the CLI composes them (LocalPipeline).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresWarehouseBehaviour(PostgresFixture postgres) : WarehouseBehaviour
{
    protected override Task<WarehouseUnderTest> CreateAsync(string storeRoot) => CreateAsync(postgres, storeRoot);

    internal static async Task<WarehouseUnderTest> CreateAsync(PostgresFixture postgres, string storeRoot)
    {
        var warehouse = PostgresWarehouse.Connect(await postgres.CreateDatabaseAsync());
        var store = new FolderObjectStore(storeRoot, "behaviour-bucket");
        var source = warehouse.DataSource;
        return new WarehouseUnderTest(warehouse, new StagingLoader(warehouse, store, new SystemClock()),
            new PostgresCheckHistory(source), new PostgresAlertWindow(source), new PostgresSqlRunner(source), new PostgresDialect(), store, Owned: warehouse);
    }
}
