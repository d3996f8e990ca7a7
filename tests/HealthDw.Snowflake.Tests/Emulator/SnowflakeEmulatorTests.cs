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

    /// <summary>Snowflake SQL reference, "ALTER TABLE … ALTER COLUMN" (Data Types): a longer VARCHAR and a larger NUMBER
    /// precision are supported; a shorter VARCHAR, a NUMBER's scale change and a change to another type are not.</summary>
    [Theory]
    [InlineData("a set data type varchar(20)", true)]
    [InlineData("n set data type number(14,2)", true)]
    [InlineData("n set data type number(8,2)", true)] // smaller precision: allowed while every value fits
    [InlineData("n set data type number(2,2)", false)] // ...and not when one does not
    [InlineData("a set data type varchar(5)", false)]
    [InlineData("n set data type number(12,4)", false)]
    [InlineData("n set data type varchar", false)]
    [InlineData("a set data type number(10,0)", false)]
    public async Task ExecuteAsync_WhenAColumnTypeIsAltered_ShouldAllowOnlyWhatSnowflakeAllows(string change, bool allowed)
    {
        await _harness.Client.ExecuteAsync(new SnowflakeStatement("create table t (a varchar(10), n number(10,2))"), default);
        await _harness.Client.ExecuteAsync(new SnowflakeStatement("insert into t select 'x', 12.5"), default);

        var act = () => _harness.Client.ExecuteAsync(new SnowflakeStatement($"alter table t alter column {change}"), default);

        if (allowed)
            await act.Should().NotThrowAsync();
        else
            (await act.Should().ThrowAsync<SnowflakeSqlException>()).Which.Message.Should().Contain("cannot change column");
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
    // Snowflake docs, "Submitting a request to execute SQL statements": the warehouse, database, schema and role fields "are
    // case-sensitive and must match the case of the field returned by a SQL SHOW command"; "Identifier requirements": setup.sql's
    // unquoted names are stored upper case.
    [Fact]
    public async Task ExecuteAsync_WhenConfiguredAsTheShippedStagesJson_ShouldOpenASessionOnWhatSetupSqlCreated()
    {
        var result = await _harness.Client.ExecuteAsync(new SnowflakeStatement("select 1 as n"), default);

        result.Rows.Single()[0].Should().Be("1");
        var body = _harness.Server.Submits.Single().Json;
        (body.GetProperty("role").GetString(), body.GetProperty("warehouse").GetString(), body.GetProperty("database").GetString(),
            body.GetProperty("schema").GetString()).Should().Be(("HEALTHDW_LOADER", "HEALTHDW_WH", "HEALTHDW", "STAGING"));
    }

    [Theory]
    [InlineData("role", "390189", "Role '?' specified in the connect string does not exist or not authorized.*")]
    [InlineData("warehouse", "390201", "The requested warehouse does not exist or not authorized.")]
    [InlineData("database", "390201", "The requested database does not exist or not authorized.")]
    [InlineData("schema", "390201", "The requested schema does not exist or not authorized.")]
    public async Task ExecuteAsync_WhenAContextFieldIsNotTheStoredCase_ShouldBeRefusedAsSnowflakeDoes(string field, string code, string message)
    {
        // Quoted in the configuration, the lower-case name goes out as it is: no such object is stored.
        await using var harness = new SnowflakeHarness(o => field switch
        {
            "role" => o with { Role = "\"healthdw_loader\"" },
            "warehouse" => o with { Warehouse = "\"healthdw_wh\"" },
            "database" => o with { Database = "\"healthdw\"" },
            _ => o with { Schema = "\"staging\"" },
        });
        harness.Server.Handler = _emulator.Handle;

        var act = () => harness.Client.ExecuteAsync(new SnowflakeStatement("select 1"), default);

        var refused = (await act.Should().ThrowAsync<SnowflakeSqlException>()).Which;
        (refused.Code, refused.SqlState).Should().Be((code, "08004"));
        refused.Message.Should().Match("*" + message);
        harness.Server.Submits.Single().Json.GetProperty(field).GetString().Should().BeOneOf("healthdw_loader", "healthdw_wh", "healthdw", "staging");
    }

    [Fact]
    public async Task ExecuteAsync_WhenTheCopysStageWasNeverCreated_ShouldFailToCompile()
    {
        await _harness.Client.ExecuteAsync(new SnowflakeStatement("create table if not exists staging.t (n number(10,0))"), default);

        var act = () => _harness.Client.ExecuteAsync(new SnowflakeStatement(
            "copy into staging.t (n) from (select t.$1 from @staging.other_stage t) files = ('raw_files/a.csv') on_error = abort_statement"), default);

        var failure = (await act.Should().ThrowAsync<SnowflakeSqlException>()).Which;
        failure.Code.Should().Be("002003");
        failure.Message.Should().Contain("does not exist or not authorized");
    }
}
