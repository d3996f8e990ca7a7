using HealthDw.Tests.Support;
using HealthDw.Warehouse.DuckDb;

namespace HealthDw.Tests.Warehouse;

/// <summary>
/// Issue 14, item 5 (publish at scale 1 within 10 s): opening the DuckDB file costs about 100 ms, a query on an open file a
/// few, and a publish runs a hundred statements one after another, each on a connection of its own. So the file stays open
/// for <see cref="DuckDbDatabase.Linger"/> after the last connection closes; then it is let go, for other processes. Whether
/// the file was still open is seen through a global setting, which lives as long as the open database does.
/// </summary>
public sealed class DuckDbDatabaseTests : IDisposable
{
    private readonly TempFolder _folder = new("healthdw-duckdb-db");

    [Fact]
    public async Task ConnectAsync_WhenTheLastConnectionClosedJustBefore_ShouldFindTheFileStillOpen()
    {
        await using var database = DuckDbDatabase.Open(_folder.Combine("warehouse.duckdb"));
        await using (var first = await database.ConnectAsync(default))
            await ExecuteAsync(first, "set global default_order = 'descending'");

        await using var next = await database.ConnectAsync(default);

        (await OrderAsync(next)).Should().Be("des", "the next statement's connection found the file as the last one left it");
    }

    [Fact]
    public async Task ConnectAsync_WhenNoConnectionWasOpenForLongerThanTheLinger_ShouldHaveLetGoOfTheFile()
    {
        await using var database = DuckDbDatabase.Open(_folder.Combine("warehouse.duckdb"));
        await using (var first = await database.ConnectAsync(default))
            await ExecuteAsync(first, "set global default_order = 'descending'");

        var order = "des";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (order == "des" && !timeout.IsCancellationRequested)
        {
            await Task.Delay(DuckDbDatabase.Linger * 2);
            await using var later = await database.ConnectAsync(default);
            order = await OrderAsync(later);
        }

        order.Should().Be("asc", "the file was closed once idle, and opened afresh");
    }

    [Fact]
    public async Task DisposeAsync_WhenTheFileLingersOpen_ShouldCloseItAtOnce()
    {
        var file = _folder.Combine("warehouse.duckdb");
        await using (var database = DuckDbDatabase.Open(file))
        {
            await using var first = await database.ConnectAsync(default);
            await ExecuteAsync(first, "set global default_order = 'descending'");
        }

        await using var again = DuckDbDatabase.Open(file);
        await using var next = await again.ConnectAsync(default);
        (await OrderAsync(next)).Should().Be("asc", "disposing the database let go of the file");
    }

    public void Dispose() => _folder.Dispose();

    private static async Task ExecuteAsync(DuckDB.NET.Data.DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> OrderAsync(DuckDB.NET.Data.DuckDBConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "select left(lower(current_setting('default_order')), 3)";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
