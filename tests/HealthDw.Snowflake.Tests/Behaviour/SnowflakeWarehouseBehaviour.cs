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
/// PostgreSQL database of its own. The external stage is the folder the suite drops files into; the account's clock is
/// the harness's virtual clock.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SnowflakeWarehouseBehaviour(PostgresFixture postgres) : WarehouseBehaviour
{
    protected override Task<WarehouseUnderTest> CreateAsync(string storeRoot) => CreateAsync(postgres, storeRoot);

    /// <param name="checkFilesFirst">As on Lambda, the loader reads each file against its contract before the COPY; without
    /// it, Snowflake's COPY and the row-check query are all that judge the rows.</param>
    internal static async Task<WarehouseUnderTest> CreateAsync(PostgresFixture postgres, string storeRoot, bool checkFilesFirst = true)
    {
        var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var store = new FolderObjectStore(storeRoot, "behaviour-bucket");
        var harness = new SnowflakeHarness();
        var emulator = new SnowflakeEmulator(database, (_, key) => File.Exists(store.PathOf(key)) ? File.ReadAllBytes(store.PathOf(key)) : null,
            store.Bucket, () => harness.Clock.Now);
        harness.Server.Handler = emulator.Handle;
        var client = harness.Client;
        var warehouse = new SnowflakeWarehouse(client);
        var loader = new SnowflakeStageLoader(client, warehouse, new SnowflakeStageOptions(), harness.Clock, harness.Clock,
            checkFilesFirst ? store : null);
        return new WarehouseUnderTest(warehouse, loader, new SnowflakeCheckHistory(client), new SnowflakeAlertWindow(client),
            new SnowflakeSqlRunner(client), new SnowflakeDialect(), store, new Owned(harness, database));
    }

    [Fact]
    public async Task SweepLeftoversAsync_WhenACrashedLoadLeftItsCopy_ShouldDropItOnceItIsADayOld()
    {
        var loader = (SnowflakeStageLoader)Under.Loader;
        var clock = ((Owned)Under.Owned!).Harness.Clock;
        var leftover = SnowflakeStageLoader.LoadTable(Guid.NewGuid());
        await Under.Sql.ExecuteAsync([$"create transient table if not exists {leftover} like staging.{BehaviourConfig.Provider}"], false, default);

        var young = await loader.SweepLeftoversAsync(default);
        clock.Advance(TimeSpan.FromHours(25));
        var old = await loader.SweepLeftoversAsync(default);

        (young, old).Should().Be((0, 1));
        (await Under.Sql.QueryAsync(new SnowflakeDialect().RelationExistsQuery("staging", leftover["staging.".Length..]), default))
            .Should().BeEmpty();
    }

    private sealed class Owned(SnowflakeHarness harness, NpgsqlDataSource database) : IAsyncDisposable
    {
        public SnowflakeHarness Harness => harness;

        public async ValueTask DisposeAsync()
        {
            await harness.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
