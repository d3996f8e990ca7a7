using HealthDw.Core.Checks;
using HealthDw.Core.Publishing;
using HealthDw.Snowflake.Tests.Support;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Snowflake.Tests.Warehouse;

/// <summary>The alert window and the check history, the audit writers besides the ledger.</summary>
public sealed class SnowflakeAuditTests : IAsyncLifetime
{
    private static readonly ScriptedColumn[] WindowColumns = [new("LAST_SENT_AT", "timestamp_ltz"), new("HELD", "array")];
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 2, 10, 0, TimeSpan.Zero);

    private readonly SnowflakeHarness _harness = new();
    private readonly ScriptedSqlApi _api;

    public SnowflakeAuditTests() => _api = new ScriptedSqlApi(_harness.Server);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task OfferAsync_WhenTheWindowIsOpen_ShouldReturnTheHeldAlertsAndThisOneInOneTransaction()
    {
        _api.On("^select last_sent_at, held from audit.alert_window", ScriptedAnswer.Table(WindowColumns,
            ["1795226400.000000000", "[\n  \"chart_code: line 4 [type]\"\n]"]));
        var window = new SnowflakeAlertWindow(_harness.Client);

        var send = await window.OfferAsync("drop-20261121T0200", "billing_claim: line 9 [reference]", Now, TimeSpan.FromMinutes(1), default);

        send.Should().Equal("chart_code: line 4 [type]", "billing_claim: line 9 [reference]");
        var request = _api.Requests.Should().ContainSingle().Which;
        request.Count.Should().Be(6);
        request.Statements[0].Should().Be("begin transaction");
        request.Statements[1].Should().Be("update audit.write_lock set writes = writes + 1", "offers queue, each seeing what the one before committed");
        request.Statements[2].Should().StartWith("merge into audit.alert_window as w")
            .And.Contain("using (select 'drop-20261121T0200' as group_key, array_construct() as held) as s")
            .And.Contain("when not matched then insert (group_key, last_sent_at, held) values (s.group_key, null, s.held)");
        request.Statements[3].Should().Be("select last_sent_at, held from audit.alert_window where group_key = 'drop-20261121T0200'");
        request.Statements[4].Should().Contain(
                "iff((last_sent_at is null or last_sent_at <= to_timestamp_ltz('2026-11-21 02:09:00.000 +00:00', 'YYYY-MM-DD HH24:MI:SS.FF3 TZH:TZM')), array_construct(), array_append(held, 'billing_claim: line 9 [reference]'))")
            .And.Contain("last_sent_at = iff(");
        request.Statements[5].Should().Be("commit");
    }

    [Fact]
    public async Task OfferAsync_WhenAMessageWentOutWithinTheWindow_ShouldHoldThisOne()
    {
        _api.On("^select last_sent_at, held from audit.alert_window", ScriptedAnswer.Table(WindowColumns, ["1795227000.000000000", "[]"]));

        var send = await new SnowflakeAlertWindow(_harness.Client).OfferAsync("drop-x", "a", Now, TimeSpan.FromMinutes(1), default);

        send.Should().BeEmpty();
    }

    [Fact]
    public async Task OfferAsync_WhenTheGroupIsNew_ShouldSendAtOnce()
    {
        _api.On("^select last_sent_at, held from audit.alert_window", ScriptedAnswer.Table(WindowColumns, [null, "[]"]));

        var send = await new SnowflakeAlertWindow(_harness.Client).OfferAsync("drop-x", "first", Now, TimeSpan.FromMinutes(1), default);

        send.Should().Equal("first");
    }

    [Fact]
    public async Task DrainAsync_ShouldReturnTheHeldAlertsAndEmptyTheGroup()
    {
        _api.On("^select last_sent_at, held from audit.alert_window", ScriptedAnswer.Table(WindowColumns, ["1795227000.000000000", "[\"a\", \"b\"]"]));

        var held = await new SnowflakeAlertWindow(_harness.Client).DrainAsync("drop-x", default);

        held.Should().Equal("a", "b");
        _api.Requests.Single().Statements.Should().Equal(
            "begin transaction", "update audit.write_lock set writes = writes + 1",
            "select last_sent_at, held from audit.alert_window where group_key = 'drop-x'",
            "update audit.alert_window set held = array_construct() where group_key = 'drop-x'", "commit");
    }

    [Fact]
    public async Task RecordAsync_ShouldWriteEveryCheckAndTheDecisionInOneTransaction()
    {
        CheckDefinition Check(string table, string text) =>
            new(table, text, MetricKind.RowCount, [], null, null, Validity.None, null, [], null, "checks/dims.yml", 3);
        var outcome = new PublishOutcome("20261121T0200", false, [],
            [
                new CheckResult(Check("dim_provider", "row_count > 0"), 120, CheckOutcome.Pass, "120"),
                new CheckResult(Check("fact_claim", "values in (provider_pk) must exist in dim_provider (provider_pk)"), 2, CheckOutcome.Fail, "2 (fail > 0)")
                {
                    FailedRows = ["claimpk=7, line 12", "claimpk=9, line 40"],
                },
            ],
            [], [], TimeSpan.FromSeconds(12.5));

        await new SnowflakeCheckHistory(_harness.Client).RecordAsync(outcome, Now, default);

        var request = _api.Requests.Should().ContainSingle().Which;
        request.Statements.Should().HaveCount(4);
        request.Statements[0].Should().Be("begin transaction");
        request.Statements[1].Should().StartWith("insert into audit.check_results (drop_id, check_name, table_name, metric, value, threshold, outcome, detail, source_file, checked_at, failed_rows)")
            .And.Contain("select '20261121T0200', 'row_count > 0', 'dim_provider', 'RowCount', 120::double, '', 'pass', '120', 'checks/dims.yml:3'")
            .And.Contain("array_construct('claimpk=7, line 12', 'claimpk=9, line 40')")
            .And.Contain("\nunion all select ");
        request.Statements[2].Should().StartWith("insert into audit.drop_publications")
            .And.Contain("select '20261121T0200', false, 1, 0, 1, 'fact_claim: values in (provider_pk) must exist in dim_provider (provider_pk) — 2 (fail > 0)', 12500, ");
        request.Statements[3].Should().Be("commit");
        _api.Unmatched.Should().BeEmpty();
    }
}
