using HealthDw.Snowflake.Tests.Emulator;
using HealthDw.Snowflake.Tests.Support;
using HealthDw.Storage;
using HealthDw.Tests.Support;
using HealthDw.Warehouse.Snowflake;
using Npgsql;

namespace HealthDw.Snowflake.Tests.Behaviour;

/// <summary>
/// The shared suite on the Snowflake adapter as it runs on AWS (SQL API client with key-pair JWT, stage loader, audit
/// tables), talking to <see cref="SnowflakeEmulator"/>: the SQL API wire protocol over HTTP, with the state kept in a
/// PostgreSQL database of its own. The external stage is the folder the suite drops files into.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SnowflakeWarehouseBehaviour(PostgresFixture postgres) : WarehouseBehaviour
{
    protected override Task<WarehouseUnderTest> CreateAsync(string storeRoot) => CreateAsync(postgres, storeRoot);

    internal static async Task<WarehouseUnderTest> CreateAsync(PostgresFixture postgres, string storeRoot)
    {
        var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var store = new FolderObjectStore(storeRoot, "behaviour-bucket");
        var harness = new SnowflakeHarness();
        var emulator = new SnowflakeEmulator(database, (_, key) => File.Exists(store.PathOf(key)) ? File.ReadAllBytes(store.PathOf(key)) : null, store.Bucket);
        harness.Server.Handler = emulator.Handle;
        var client = harness.Client;
        var warehouse = new SnowflakeWarehouse(client);
        var loader = new SnowflakeStageLoader(client, warehouse, new SnowflakeStageOptions(), harness.Clock, harness.Clock, store);
        return new WarehouseUnderTest(warehouse, loader, new SnowflakeCheckHistory(client), new SnowflakeAlertWindow(client),
            new SnowflakeSqlRunner(client), new SnowflakeDialect(), store, new Owned(harness, database));
    }

    private sealed class Owned(SnowflakeHarness harness, NpgsqlDataSource database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await harness.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
