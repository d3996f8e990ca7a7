using System.Text.RegularExpressions;
using HealthDw.Core.Loading;
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
public sealed partial class SnowflakeWarehouseBehaviour(PostgresFixture postgres) : WarehouseBehaviour
{
    protected override Task<WarehouseUnderTest> CreateAsync(string storeRoot) => CreateAsync(postgres, storeRoot);

    protected override HealthDw.Core.Schema.AlterLimits Limits => HealthDw.Core.Schema.AlterLimits.Snowflake;

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
        var loader = new SnowflakeStageLoader(client, warehouse, new SnowflakeStageOptions { CheckFilesFirst = checkFilesFirst },
            harness.Clock, harness.Clock, store);
        return new WarehouseUnderTest(warehouse, loader, new SnowflakeCheckHistory(client), new SnowflakeAlertWindow(client),
            new SnowflakeSqlRunner(client), new SnowflakeDialect(), store, new Owned(harness, database, emulator), new SnowflakeStatementRunner(client));
    }

    [Fact]
    public async Task LoadAsync_WhenTwoCommitsOfOneVersionOverlap_ShouldLoadItOnce()
    {
        // Both loads reach their commit together: whichever statement each sends first after BEGIN runs at the same moment.
        ((Owned)Under.Owned!).Emulator.HoldTogether(FirstCommitStatement(), sessions: 2);
        var file = await PutAsync(BehaviourConfig.Provider, "20261121T0200", "provider_id,npi,name,started,active,rate\n"
            + "1,1234567890,Ada Lovelace,2020-01-15,true,120.50\n2,0987654321,Bob,2021-06-30,false,99.99\n");

        var outcomes = await Task.WhenAll(Task.Run(() => LoadAsync(file)), Task.Run(() => LoadAsync(file)));

        outcomes.Select(o => o.Status).Should().BeEquivalentTo([LoadStatus.Loaded, LoadStatus.AlreadyLoaded]);
        (await CountsAsync())[BehaviourConfig.Provider].Should().Be(2, "the rows are loaded once");
        (await Under.Warehouse.DropLoadsAsync("20261121T0200", default)).Should().ContainSingle("the version has one ledger row");
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

    [Fact]
    public async Task AlertWindowOfferAsync_WhenTwoFirstAlertsOfAGroupOverlap_ShouldSendOneAndHoldTheOther()
    {
        ((Owned)Under.Owned!).Emulator.HoldTogether(FirstAlertStatement(), sessions: 2);
        var now = SnowflakeHarness.Start;

        var sent = await Task.WhenAll(
            Task.Run(() => Under.AlertWindow.OfferAsync("drop-20261121T0200", "a", now, TimeSpan.FromMinutes(1), default)),
            Task.Run(() => Under.AlertWindow.OfferAsync("drop-20261121T0200", "b", now, TimeSpan.FromMinutes(1), default)));

        sent.Where(s => s.Count > 0).Should().ContainSingle("one message opens the window; the other alert waits in it");
        (await Under.AlertWindow.DrainAsync("drop-20261121T0200", default)).Should().ContainSingle();
    }

    [GeneratedRegex(@"^(update audit\.write_lock|merge into audit\.load_ledger)")]
    private static partial Regex FirstCommitStatement();

    [GeneratedRegex(@"^(update audit\.write_lock|merge into audit\.alert_window)")]
    private static partial Regex FirstAlertStatement();

    internal sealed class Owned(SnowflakeHarness harness, NpgsqlDataSource database, SnowflakeEmulator emulator) : IAsyncDisposable
    {
        public SnowflakeHarness Harness => harness;

        public SnowflakeEmulator Emulator => emulator;

        public async ValueTask DisposeAsync()
        {
            await harness.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
