using HealthDw.Snowflake.Tests.Emulator;
using HealthDw.Snowflake.Tests.Support;
using HealthDw.Tests.Support;
using HealthDw.Warehouse.Snowflake;
using Npgsql;

namespace HealthDw.Snowflake.Tests.Warehouse;

/// <summary>
/// The publish phases' asynchronous statements over the SQL API (Snowflake docs, "Submitting a request to execute SQL
/// statements": <c>async=true</c> answers 202 with a statementHandle; "Checking the status of the execution": GET
/// /api/v2/statements/{handle} answers 202 while it runs, 200 with the ResultSet, 422 QueryFailureStatus when it failed).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SnowflakeStatementRunnerTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly SnowflakeHarness _harness = new();
    private NpgsqlDataSource _database = null!;
    private SnowflakeEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        _emulator = new SnowflakeEmulator(_database, (_, _) => null, "bucket") { PendingPolls = 2 };
        _harness.Server.Handler = _emulator.Handle;
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task StatusAsync_WhenTheQueryIsStillRunning_ShouldSayRunningThenGiveItsRows()
    {
        var runner = new SnowflakeStatementRunner(_harness.Client);

        var handle = await runner.SubmitQueryAsync("select 41 + 1 as n", default);
        var first = await runner.StatusAsync(handle, default);
        var second = await runner.StatusAsync(handle, default);

        first.Running.Should().BeTrue("the submission answered 202 and the first look too");
        second.Running.Should().BeFalse();
        second.Error.Should().BeNull();
        Convert.ToInt64(second.Rows.Single()[0], System.Globalization.CultureInfo.InvariantCulture).Should().Be(42);
        _harness.Server.Requests.Should().Contain(r => r.QueryValue("async") == "true");
    }

    [Fact]
    public async Task StatusAsync_WhenTheStatementsFail_ShouldGiveTheRefusalAsAFailedStatusNotThrow()
    {
        var runner = new SnowflakeStatementRunner(_harness.Client);

        var handle = await runner.SubmitAsync(["create table staging.made (n number(10,0))", "insert into staging.missing values (1)"], atomic: true, default);
        var status = await runner.StatusAsync(handle, default);
        while (status.Running) status = await runner.StatusAsync(handle, default);

        status.Error.Should().NotBeNull();
        status.Error!.Message.Should().Contain("missing");
    }
}
