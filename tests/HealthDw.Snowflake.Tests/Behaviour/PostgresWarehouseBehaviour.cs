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

    protected override HealthDw.Core.Schema.AlterLimits Limits => HealthDw.Core.Schema.AlterLimits.PostgreSql;

    internal static async Task<WarehouseUnderTest> CreateAsync(PostgresFixture postgres, string storeRoot)
    {
        var warehouse = PostgresWarehouse.Connect(await postgres.CreateDatabaseAsync());
        var store = new FolderObjectStore(storeRoot, "behaviour-bucket");
        var source = warehouse.DataSource;
        return new WarehouseUnderTest(warehouse, new StagingLoader(warehouse, store, new SystemClock()),
            new PostgresCheckHistory(source), new PostgresAlertWindow(source), new PostgresSqlRunner(source), new PostgresDialect(), store, Owned: warehouse);
    }

    /// <summary>Issue 12, item 1: when the bulk copy itself fails (here: the contract says text, the column is still numeric,
    /// as when EnsureSchema did not run), the load fails with PostgreSQL's error, not with an ObjectDisposedException thrown
    /// while the abandoned load was being disposed.</summary>
    [Fact]
    public async Task LoadAsync_WhenTheCopyFailsAtItsEnd_ShouldFailWithTheWarehousesErrorNotADisposeError()
    {
        var drifted = BehaviourConfig.WithColumnType(BehaviourConfig.Provider, "rate", "text");
        var file = await PutAsync(BehaviourConfig.Provider, "20261121T0200",
            "provider_id,npi,name,started,active,rate\n1,1234567890,Ada,2020-01-15,true,n/a\n");

        var act = () => Under.Loader.LoadAsync(file, drifted.Contract(BehaviourConfig.Provider), null, default);

        var error = (await act.Should().ThrowAsync<Exception>()).Which;
        error.Should().NotBeOfType<ObjectDisposedException>(error.ToString());
        error.Should().BeAssignableTo<Npgsql.NpgsqlException>();
        (await CountsAsync())[BehaviourConfig.Provider].Should().Be(0);
        (await Under.Warehouse.FindLoadAsync(file.Object, default)).Should().BeNull("the ledger claim rolled back with the rows");
    }
}
