using HealthDw.Core.Ports;
using HealthDw.Snowflake.Tests.Support;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Snowflake.Tests.Warehouse;

public sealed class SnowflakeSqlRunnerTests : IAsyncLifetime
{
    private readonly SnowflakeHarness _harness = new();
    private readonly ScriptedSqlApi _api;
    private readonly SnowflakeSqlRunner _runner;

    public SnowflakeSqlRunnerTests()
    {
        _api = new ScriptedSqlApi(_harness.Server);
        _runner = new SnowflakeSqlRunner(_harness.Client);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task QueryAsync_ShouldConvertEachColumnTypeToItsDotNetPrimitive()
    {
        _api.On("^select .* from t$", ScriptedAnswer.Table(
            [
                new ScriptedColumn("n", "fixed"), new ScriptedColumn("amount", "fixed", Scale: 2), new ScriptedColumn("ratio", "real"),
                new ScriptedColumn("name", "text"), new ScriptedColumn("flag", "boolean"), new ScriptedColumn("day", "date"),
                new ScriptedColumn("at", "timestamp_ntz"), new ScriptedColumn("missing", "text"),
            ],
            ["42", "1234.50", "0.25", "Smith", "true", "20413", "1763690400.123000000", null],
            ["-7", "-0.01", "1e3", "", "false", "0", "0.000000000", null]));

        var rows = await _runner.QueryAsync("select n, amount, ratio, name, flag, day, at, missing from t", default);

        rows.Should().HaveCount(2);
        rows[0].Should().Equal(42L, 1234.50m, 0.25d, "Smith", true, new DateTime(2025, 11, 21), new DateTime(2025, 11, 21, 2, 0, 0, 123), null);
        rows[1].Should().Equal(-7L, -0.01m, 1000d, "", false, new DateTime(1970, 1, 1), new DateTime(1970, 1, 1), null);
        rows[0][0].Should().BeOfType<long>();
        rows[0][1].Should().BeOfType<decimal>();
        rows[0][2].Should().BeOfType<double>();
        rows[0][6].Should().BeOfType<DateTime>().Which.Kind.Should().Be(DateTimeKind.Unspecified);
        _api.Requests.Should().ContainSingle().Which.Count.Should().Be(1);
    }

    [Fact]
    public async Task ExecuteAsync_WhenAtomic_ShouldSendOneRequestWrappedInBeginAndCommit()
    {
        await _runner.ExecuteAsync(["use schema build_x", "create table build_x.t as\nselect 1 as a;"], atomic: true, default);

        var request = _api.Requests.Should().ContainSingle().Which;
        request.Count.Should().Be(4);
        request.Statements.Should().Equal("begin transaction", "use schema build_x", "create table build_x.t as\nselect 1 as a", "commit");
        _api.Unmatched.Should().BeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_WhenNotAtomic_ShouldSendTheStatementsAsOneRequestWithoutATransaction()
    {
        await _runner.ExecuteAsync(["use schema build_x", "drop table if exists build_x.t"], atomic: false, default);

        var request = _api.Requests.Should().ContainSingle().Which;
        request.Count.Should().Be(2);
        request.Statements.Should().Equal("use schema build_x", "drop table if exists build_x.t");
    }

    [Fact]
    public async Task ExecuteAsync_WhenAStatementFails_ShouldThrowWithoutTheStatementsValues()
    {
        _api.On(@"^merge into build_x\.fact_claim", new ScriptedAnswer.Failure("100038", "22018", "Numeric value 'MRN-0042' is not recognized"));

        var act = () => _runner.ExecuteAsync(["merge into build_x.fact_claim as t using (select 1) as s on true when matched then delete"], atomic: true, default);

        var failure = (await act.Should().ThrowAsync<WarehouseSqlException>()).Which;
        failure.SqlState.Should().Be("22018");
        failure.Message.Should().NotContain("MRN-0042").And.Contain("is not recognized");
        failure.InnerException.Should().BeNull();
    }

    [Theory]
    [InlineData("timestamp_ltz", "1763690400.000000000", "2025-11-21T02:00:00+00:00")]
    [InlineData("timestamp_tz", "1763690400.000000000 1500", "2025-11-21T03:00:00+01:00")]
    [InlineData("timestamp_tz", "1763690400.500000000 960", "2025-11-20T18:00:00.5-08:00")]
    public void Convert_ShouldReadZonedTimestampsAsDateTimeOffsets(string type, string cell, string expected) =>
        SnowflakeValueConverter.Convert(new SnowflakeColumn("at", type, true, null, 9, null), cell)
            .Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("date", "2026-11-21")]
    [InlineData("timestamp_ntz", "2026-11-21 00:00:00")]
    public void Convert_WhenTheCellIsIsoText_ShouldStillReadIt(string type, string cell) =>
        SnowflakeValueConverter.Convert(new SnowflakeColumn("at", type, true, null, null, null), cell).Should().Be(new DateTime(2026, 11, 21));

    [Fact]
    public void Convert_WhenANumberDoesNotFitALong_ShouldReturnADecimal() =>
        SnowflakeValueConverter.Convert(new SnowflakeColumn("n", "fixed", true, 38, 0, null), "123456789012345678901234")
            .Should().Be(123456789012345678901234m);

    [Fact]
    public void Convert_WhenACellCannotBeRead_ShouldNotQuoteIt()
    {
        var act = () => SnowflakeValueConverter.Convert(new SnowflakeColumn("b", "boolean", true, null, null, null), "Jane Doe");

        act.Should().Throw<FormatException>().Which.Message.Should().NotContain("Jane");
    }

    [Fact]
    public void TextArray_ShouldReadAnArrayCell() =>
        SnowflakeValueConverter.TextArray("[\n  \"line 3\",\n  \"line 9\"\n]").Should().Equal("line 3", "line 9");
}
