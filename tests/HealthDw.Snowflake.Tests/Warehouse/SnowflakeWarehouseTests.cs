using HealthDw.Core.Ports;
using HealthDw.Snowflake.Tests.Support;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Snowflake.Tests.Warehouse;

public sealed class SnowflakeWarehouseTests : IAsyncLifetime
{
    private static readonly ScriptedColumn[] StagingColumns =
    [
        new("TABLE_NAME", "text"), new("COLUMN_NAME", "text"), new("DATA_TYPE", "text"), new("CHARACTER_MAXIMUM_LENGTH", "fixed"),
        new("NUMERIC_PRECISION", "fixed"), new("NUMERIC_SCALE", "fixed"),
    ];

    internal static readonly ScriptedColumn[] LedgerColumns =
    [
        new("LOAD_ID", "text"), new("BUCKET", "text"), new("OBJECT_KEY", "text"), new("VERSION_TOKEN", "text"), new("TABLE_NAME", "text"),
        new("DROP_ID", "text"), new("PART", "fixed"), new("ROWS_LOADED", "fixed"), new("SIZE_BYTES", "fixed"),
        new("STARTED_AT", "timestamp_ltz"), new("LOADED_AT", "timestamp_ltz"),
    ];

    private readonly SnowflakeHarness _harness = new();
    private readonly ScriptedSqlApi _api;
    private readonly SnowflakeWarehouse _warehouse;

    public SnowflakeWarehouseTests()
    {
        _api = new ScriptedSqlApi(_harness.Server);
        _warehouse = new SnowflakeWarehouse(_harness.Client);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task EnsureSchemaAsync_ShouldSendEveryStatementAsOneMultiStatementRequest()
    {
        _api.On("from information_schema.columns", ScriptedAnswer.Table(StagingColumns));

        await _warehouse.EnsureSchemaAsync(ShippedConfig.Pipeline, default);

        _api.Requests.Should().HaveCount(2, "the staging columns are read first, then the DDL is sent at once");
        _api.Requests[0].Sql.Should().Contain("from information_schema.columns where table_schema = 'STAGING'");
        var request = _api.Requests[1];
        var expected = SnowflakeSchema.All(ShippedConfig.Pipeline);
        request.Count.Should().Be(expected.Count);
        request.Statements.Should().Equal(expected.Select(s => s.Trim()));
        _api.Unmatched.Should().BeEmpty();
    }

    [Fact]
    public async Task FindLoadAsync_ShouldBindTheFileVersionAndReadTheLedgerRow()
    {
        var loadId = Guid.Parse("0196a0c2-1111-7000-8000-000000000001");
        _api.On("from audit.load_ledger", ScriptedAnswer.Table(LedgerColumns,
            [loadId.ToString(), "drops", "raw_files/chart_appointment_20261121T0200.csv", "etag-1", "chart_appointment", "20261121T0200",
                "2", "5000", "450000", "1795226400.000000000", "1795226412.500000000"]));
        var file = new ObjectRef("drops", "raw_files/chart_appointment_20261121T0200.csv", 450000, "etag-1", null);

        var entry = await _warehouse.FindLoadAsync(file, default);

        entry.Should().Be(new LedgerEntry(loadId, "drops", "raw_files/chart_appointment_20261121T0200.csv", "etag-1", "chart_appointment",
            "20261121T0200", 2, 5000, 450000, new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 21, 2, 0, 12, 500, TimeSpan.Zero)));
        var request = _api.Requests.Should().ContainSingle().Which;
        request.Sql.Should().Contain("where bucket = ? and object_key = ? and version_token = ? and loaded_at is not null");
        request.Bindings.Should().Equal("drops", "raw_files/chart_appointment_20261121T0200.csv", "etag-1");
    }

    [Fact]
    public async Task FindLoadAsync_WhenTheVersionWasNeverLoaded_ShouldReturnNull()
    {
        _api.On("from audit.load_ledger", ScriptedAnswer.Empty(LedgerColumns));

        var entry = await _warehouse.FindLoadAsync(new ObjectRef("drops", "raw_files/x.csv", 1, "e", "v-9"), default);

        entry.Should().BeNull();
        _api.Requests.Single().Bindings.Should().Equal("drops", "raw_files/x.csv", "v-9");
    }

    [Fact]
    public async Task BeginLoadAsync_ShouldPointToTheStageLoader()
    {
        var act = () => _warehouse.BeginLoadAsync(null!, default);

        (await act.Should().ThrowAsync<NotSupportedException>()).Which.Message.Should().Contain(nameof(SnowflakeStageLoader));
        _api.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task RecordRejectionAsync_ShouldBindEveryField()
    {
        var at = new DateTimeOffset(2026, 11, 21, 2, 3, 11, TimeSpan.Zero);

        await _warehouse.RecordRejectionAsync(new Rejection("drops", "raw_files/x.csv", "etag-1", "chart_appointment", "20261121T0200", "load",
            1, "line 38, column 5 (APPT_START): the value is not a timestamp [type]", "error_files/20261121T0200/x.csv.error.json", at), default);

        var request = _api.Requests.Should().ContainSingle().Which;
        request.Sql.Should().StartWith("insert into audit.file_rejections").And.Contain("to_timestamp_ltz(?, 3)");
        request.Bindings.Should().Equal("drops", "raw_files/x.csv", "etag-1", "chart_appointment", "20261121T0200", "load", "1",
            "line 38, column 5 (APPT_START): the value is not a timestamp [type]", "error_files/20261121T0200/x.csv.error.json",
            at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task RecentRejectionsAsync_ShouldReadTheAuditRows()
    {
        _api.On("from audit.file_rejections", ScriptedAnswer.Table(
            [
                new("BUCKET", "text"), new("OBJECT_KEY", "text"), new("VERSION_TOKEN", "text"), new("TABLE_NAME", "text"), new("DROP_ID", "text"),
                new("STAGE", "text"), new("PROBLEM_COUNT", "fixed"), new("FIRST_PROBLEM", "text"), new("ERROR_REPORT_KEY", "text"),
                new("REJECTED_AT", "timestamp_ltz"),
            ],
            ["drops", "raw_files/x.csv", "e", null, null, "route", "1", "unknown file", "error_files/unrouted/x.csv.error.json", "1795226400.000000000"]));

        var rejections = await _warehouse.RecentRejectionsAsync(10, default);

        rejections.Should().ContainSingle().Which.Should().Be(new Rejection("drops", "raw_files/x.csv", "e", null, null, "route", 1, "unknown file",
            "error_files/unrouted/x.csv.error.json", new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero)));
        _api.Requests.Single().Sql.Should().EndWith("order by rejection_id desc limit 10");
    }

    [Fact]
    public async Task StagingRowCountsAsync_ShouldCountEveryStagingTableInOneQuery()
    {
        _api.On("^select 'billing_claim', count", ScriptedAnswer.Table([new("X", "text"), new("COUNT(*)", "fixed")],
            [.. ShippedConfig.Contracts.Select((c, i) => new[] { c.Table, (i * 10).ToString(System.Globalization.CultureInfo.InvariantCulture) })]));

        var counts = await _warehouse.StagingRowCountsAsync(ShippedConfig.Pipeline, default);

        counts.Should().HaveCount(ShippedConfig.Contracts.Count).And.Contain("billing_claim", 0L);
        _api.Requests.Single().Sql.Should().Contain("select 'chart_appointment', count(*) from staging.chart_appointment\nunion all ");
    }
}
