using HealthDw.Snowflake.Tests.Support;
using HealthDw.Tests.Support;
using HealthDw.Warehouse.Snowflake;
using Npgsql;

namespace HealthDw.Snowflake.Tests.Emulator;

/// <summary>The emulator keeps the protocol's promises that the shared suite relies on, checked through the real client.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SnowflakeEmulatorTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly SnowflakeHarness _harness = new();
    private NpgsqlDataSource _database = null!;
    private SnowflakeEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        _emulator = new SnowflakeEmulator(_database, (_, _) => null, "bucket");
        _harness.Server.Handler = _emulator.Handle;
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task ExecuteAsync_WhenTheResultIsLarge_ShouldAnswerInPartitionsTheClientReassembles()
    {
        _emulator.PartitionRows = 7;

        var result = await _harness.Client.ExecuteAsync(new SnowflakeStatement("select g as n from generate_series(1, 30) g order by g"), default);

        result.Rows.Select(r => r[0]).Should().Equal(Enumerable.Range(1, 30).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _harness.Server.Requests.Count(r => r.QueryValue("partition") is not null).Should().Be(4);
    }

    [Fact]
    public async Task SubmitAsync_WhenResubmittedWithRetry_ShouldAnswerTheFirstExecutionWithoutRunningItAgain()
    {
        await _harness.Client.ExecuteAsync(new SnowflakeStatement("create table t (n number(10,0))"), default);
        var requestId = Guid.NewGuid();
        var insert = new SnowflakeStatement("insert into t select 1") { RequestId = requestId };

        await _harness.Client.ExecuteAsync(insert, default);
        var executions = _emulator.Executions;
        await _harness.Client.ExecuteAsync(insert with { IsResubmission = true }, default);

        _emulator.Executions.Should().Be(executions);
        var count = await _harness.Client.ExecuteAsync(new SnowflakeStatement("select count(*) from t"), default);
        count.Rows.Single()[0].Should().Be("1");
    }

    [Fact]
    public async Task ExecuteAsync_WhenTheStatementCountIsWrong_ShouldFailWithSnowflakesError()
    {
        var act = () => _harness.Client.ExecuteAsync(new SnowflakeStatement("select 1; select 2"), default);

        (await act.Should().ThrowAsync<SnowflakeSqlException>()).Which.Code.Should().Be("000008");
    }

    [Fact]
    public async Task ExecuteAsync_WhenATransactionFailsHalfway_ShouldKeepNothingOfIt()
    {
        await _harness.Client.ExecuteAsync(new SnowflakeStatement("create table t (n number(10,0))"), default);
        string[] statements = ["begin transaction", "insert into t select 1", "insert into missing select 1", "commit"];

        var act = () => _harness.Client.ExecuteAsync(new SnowflakeStatement(string.Join(";\n", statements)) { StatementCount = 4 }, default);

        (await act.Should().ThrowAsync<SnowflakeSqlException>()).Which.Code.Should().Be("002003");
        var count = await _harness.Client.ExecuteAsync(new SnowflakeStatement("select count(*) from t"), default);
        count.Rows.Single()[0].Should().Be("0");
    }

    [Fact]
    public async Task ExecuteAsync_WhenValuesComeBack_ShouldUseTheDocumentedEncodings()
    {
        var result = await _harness.Client.ExecuteAsync(new SnowflakeStatement("""
            select cast(12.50 as number(10,2)) as n, true as b, cast('1970-01-11' as date) as d,
                   to_timestamp_ltz('1970-01-01 00:00:01.5 +00:00', 'YYYY-MM-DD HH24:MI:SS.FF3 TZH:TZM') as l, array_construct('x') as a
            """), default);

        result.Columns.Select(c => c.Type).Should().Equal("fixed", "boolean", "date", "timestamp_ltz", "array");
        result.Columns.Select(c => c.Name).Should().Equal("N", "B", "D", "L", "A");
        result.Rows.Single().Should().Equal("12.50", "true", "10", "1.500000000", "[\"x\"]");
    }
}
