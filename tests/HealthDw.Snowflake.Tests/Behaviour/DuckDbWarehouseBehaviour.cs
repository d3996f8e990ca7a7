using HealthDw.Core.Loading;
using HealthDw.Core.Models;
using HealthDw.Core.Ports;
using HealthDw.Storage;
using HealthDw.Tests.Support;
using HealthDw.Warehouse.DuckDb;

namespace HealthDw.Snowflake.Tests.Behaviour;

/// <summary>The shared suite on the embedded warehouse: DuckDB, a fresh database file per test, with the streaming loader,
/// as the CLI composes them when HEALTHDW_WAREHOUSE=duckdb.</summary>
public sealed class DuckDbWarehouseBehaviour : WarehouseBehaviour
{
    protected override Task<WarehouseUnderTest> CreateAsync(string storeRoot) => Task.FromResult(Create(storeRoot));

    protected override HealthDw.Core.Schema.AlterLimits Limits => HealthDw.Core.Schema.AlterLimits.DuckDb;

    /// <summary>The database file goes beside the bucket, in the test's own temporary folder.</summary>
    internal static WarehouseUnderTest Create(string storeRoot)
    {
        var database = DuckDbDatabase.Open(Path.Combine(storeRoot + "-duckdb", "warehouse.duckdb"));
        var warehouse = new DuckDbWarehouse(database);
        var store = new FolderObjectStore(storeRoot, "behaviour-bucket");
        return new WarehouseUnderTest(warehouse, new StagingLoader(warehouse, store, new SystemClock()),
            new DuckDbCheckHistory(database), new DuckDbAlertWindow(database), new DuckDbSqlRunner(database), new DuckDbDialect(), store,
            Owned: new Owned(warehouse, storeRoot + "-duckdb"));
    }

    /// <summary>
    /// Write-audit-publish's promise without ALTER SCHEMA … RENAME: a reader that began before the swap reads the old
    /// analytics whole (table and view) until it ends; after the commit every reader sees the new build whole, the view
    /// re-bound to the new table, and the build schema is gone. Readers that run while the swap runs each see one whole
    /// side: never a missing relation, never the new table beside the old view.
    /// </summary>
    [Fact]
    public async Task PublishAsync_WhileAReaderHoldsASnapshot_ShouldSwapEveryRelationAtOnce()
    {
        var database = ((DuckDbWarehouse)Under.Warehouse).Database;
        var runner = new ModelRunner(Under.Sql, Under.Dialect);
        await Under.Sql.ExecuteAsync(["create table analytics.fact (v integer)", "insert into analytics.fact values (1)",
            "create view analytics.kpi as select sum(v) as total from fact"], atomic: true, default);
        var project = ModelProject.Build(
        [
            ModelParser.Parse("models/fact.sql", "{{ config(materialized='table') }}\nselect 2 as v union all select 3"),
            ModelParser.Parse("models/kpi.sql", "{{ config(materialized='view') }}\nselect sum(v) as total from {{ ref('fact') }}"),
        ], new HashSet<string>());
        var target = BuildTarget.ForDrop("20261121T0200", DateTimeOffset.UnixEpoch);
        await runner.BuildAsync(project, target, null, default);

        await using var reader = await database.ConnectAsync(default);
        await using var snapshot = await reader.BeginTransactionAsync();
        var before = await ReadAsync(reader);
        using var swapped = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() => ReadUntilAsync(database, swapped.Token))).ToList();
        await runner.PublishAsync(target, default);
        await swapped.CancelAsync();
        var seen = (await Task.WhenAll(readers)).SelectMany(s => s).ToHashSet();
        var during = await ReadAsync(reader);
        await snapshot.CommitAsync();
        var after = await ReadAsync(reader);

        (before, during).Should().Be(((1L, 1L), (1L, 1L)), "a reader that began before the swap keeps the old analytics, all of it");
        after.Should().Be((5L, 5L), "after the commit both relations are the new build's");
        seen.Should().BeSubsetOf([(1L, 1L), (5L, 5L)], "a reader during the swap sees the old or the new analytics, whole");
        (await Under.Sql.QueryAsync(Under.Dialect.RelationExistsQuery(target.BuildSchema, "fact"), default)).Should().BeEmpty();
    }

    /// <summary>A build that never ran has nothing to publish: the swap refuses rather than empty the live schema.</summary>
    [Fact]
    public void SwapSchemas_WhenTheBuildHoldsNothing_ShouldRefuseRatherThanEmptyTheLiveSchema()
    {
        var act = () => new DuckDbDialect().SwapSchemas("analytics", "build_x", []);

        act.Should().Throw<InvalidOperationException>();
    }

    /// <summary>Reads the analytics over and over, each read in a transaction of its own, until the swap is over (and at least
    /// once after it); a read that fails (a relation missing mid-swap) fails the test.</summary>
    private static async Task<List<(long, long)>> ReadUntilAsync(DuckDbDatabase database, CancellationToken swapped)
    {
        var seen = new List<(long, long)>();
        await using var connection = await database.ConnectAsync(default);
        while (!swapped.IsCancellationRequested) seen.Add(await ReadAsync(connection));
        seen.Add(await ReadAsync(connection));
        return seen;
    }

    private static async Task<(long Fact, long Kpi)> ReadAsync(DuckDB.NET.Data.DuckDBConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "select (select sum(v) from analytics.fact)::bigint, (select total from analytics.kpi)::bigint";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class Owned(DuckDbWarehouse warehouse, string folder) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await warehouse.DisposeAsync();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
