using System.Globalization;
using System.Text;
using HealthDw.Core.Checks;
using HealthDw.Core.Configuration;
using HealthDw.Core.Drops;
using HealthDw.Core.Loading;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;
using HealthDw.Core.Validation;
using HealthDw.Tests.Support;
using static HealthDw.Snowflake.Tests.Behaviour.BehaviourConfig;

namespace HealthDw.Snowflake.Tests.Behaviour;

/// <summary>
/// How every warehouse behaves behind the ports, one suite for all of them: a subclass builds the ports over an empty
/// warehouse and a folder bucket (<see cref="CreateAsync"/>), and every test here runs against it. Only what both
/// adapters must agree on is asserted: statuses, rows, lines, columns and rules, never message text. Values read back
/// through <see cref="ISqlRunner"/> are compared as the expected CLR type (a warehouse may answer an integer as int or
/// long, a date as DateOnly or DateTime).
/// </summary>
public abstract partial class WarehouseBehaviour : IAsyncLifetime
{
    private const string Drop = "20261121T0200";
    private const string OtherDrop = "20261122T0200";
    private const string ProviderHeader = "provider_id,npi,name,started,active,rate\n";
    private const string AppointmentHeader = "appointment_id,provider_id,booked_at\n";

    private const string Providers = ProviderHeader
        + "1,1234567890,Ada Lovelace,2020-01-15,true,120.50\n"
        + "2,0987654321,\"Smith, Jo\",2021-06-30,false,99.99\n"
        + "3,1111111111,,,,\n";

    private static readonly DateTimeOffset AlertStart = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyDictionary<string, long> NothingStaged = new Dictionary<string, long> { [Provider] = 0, [Appointment] = 0 };

    private readonly TempFolder _bucket = new("healthdw-behaviour");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private WarehouseUnderTest? _under;

    /// <summary>The ports under test (for a subclass's own extra tests).</summary>
    protected WarehouseUnderTest Under => _under ?? throw new InvalidOperationException("InitializeAsync has not run");

    private static PipelineConfig Config => Pipeline;

    private IWarehouse Warehouse => Under.Warehouse;

    private CancellationToken Ct => _timeout.Token;

    /// <summary>Builds the ports over an empty warehouse, with the bucket a <c>FolderObjectStore</c> on <paramref name="storeRoot"/>
    /// (files the suite puts there are what the loader reads). The suite then ensures the schema, twice.</summary>
    protected abstract Task<WarehouseUnderTest> CreateAsync(string storeRoot);

    public async Task InitializeAsync()
    {
        _under = await CreateAsync(_bucket.Path);
        await Warehouse.EnsureSchemaAsync(Config, Ct);
        await Warehouse.EnsureSchemaAsync(Config, Ct);
    }

    public async Task DisposeAsync()
    {
        if (_under is not null) await _under.DisposeAsync();
        _timeout.Dispose();
        _bucket.Dispose();
    }

    [Fact]
    public async Task EnsureSchemaAsync_WhenRunTwice_ShouldLeaveEveryStagingTableEmpty()
    {
        (await CountsAsync()).Should().BeEquivalentTo(NothingStaged);
    }

    [Fact]
    public async Task LoadAsync_WhenFileIsValid_ShouldLoadEveryRowAndRecordTheVersion()
    {
        var file = await PutAsync(Provider, Drop, Providers, part: 1);

        var outcome = await LoadAsync(file);

        outcome.Should().BeEquivalentTo(new { Status = LoadStatus.Loaded, Rows = 3L, Bytes = file.Object.Size, ProblemCount = 0L });
        outcome.DeferredReferences.Should().BeEmpty();
        var entry = await Warehouse.FindLoadAsync(file.Object, Ct);
        entry.Should().BeEquivalentTo(new
        {
            outcome.LoadId, Under.Store.Bucket, file.Object.Key, file.Object.VersionToken, Table = Provider, DropId = Drop,
            Part = (int?)1, Rows = 3L, Bytes = file.Object.Size,
        });
        entry!.LoadedAt.Should().BeOnOrAfter(entry.StartedAt);
        (await CountsAsync()).Should().BeEquivalentTo(new Dictionary<string, long> { [Provider] = 3, [Appointment] = 0 });
        (await Warehouse.DropLoadsAsync(Drop, Ct)).Should().Equal(entry);
        (await Warehouse.DropLoadsAsync(OtherDrop, Ct)).Should().BeEmpty();
        (await Warehouse.RecentLoadsAsync(10, Ct)).Should().Equal(entry);
        RowsShouldBe(await Under.Sql.QueryAsync("select provider_id, npi, name, started, active, rate from staging.provider order by provider_id", Ct),
            [1L, "1234567890", "Ada Lovelace", new DateOnly(2020, 1, 15), true, 120.50m],
            [2L, "0987654321", "Smith, Jo", new DateOnly(2021, 6, 30), false, 99.99m],
            [3L, "1111111111", null, null, null, null]);
    }

    [Fact]
    public async Task LoadAsync_WhenTheSameVersionComesAgain_ShouldAnswerAlreadyLoadedWithTheFirstLoad()
    {
        var file = await PutAsync(Provider, Drop, Providers);
        var first = await LoadAsync(file);

        var again = await LoadAsync(RoutedFile.Of((await Under.Store.HeadAsync(file.Object.Key, Ct))!, file.Table, file.DropId, file.Part));

        again.Should().BeEquivalentTo(new { Status = LoadStatus.AlreadyLoaded, first.LoadId, Rows = 3L });
        (await CountsAsync())[Provider].Should().Be(3);
        (await Warehouse.DropLoadsAsync(Drop, Ct)).Should().ContainSingle().Which.LoadId.Should().Be(first.LoadId);
    }

    [Fact]
    public async Task LoadAsync_WhenTheFileChangesUnderTheSameKey_ShouldLoadTheNewVersionBesideTheOld()
    {
        var v1 = await PutAsync(Provider, Drop, Providers);
        var first = await LoadAsync(v1);
        var v2 = await PutAsync(Provider, Drop, Providers + "4,4444444444,Grace Hopper,2022-02-02,yes,10\n");
        v2.Object.VersionToken.Should().NotBe(v1.Object.VersionToken);

        var second = await LoadAsync(v2);

        second.Should().BeEquivalentTo(new { Status = LoadStatus.Loaded, Rows = 4L });
        second.LoadId.Should().NotBe(first.LoadId);
        (await CountsAsync())[Provider].Should().Be(3 + 4);
        (await Warehouse.DropLoadsAsync(Drop, Ct)).Select(e => (e.Key, e.VersionToken, e.Rows)).Should().BeEquivalentTo(
            [(v1.Object.Key, v1.Object.VersionToken, 3L), (v2.Object.Key, v2.Object.VersionToken, 4L)]);
    }

    [Fact]
    public async Task LoadAsync_WhenACellIsNotOfItsType_ShouldRejectNamingLineAndColumnAndLoadNothing()
    {
        await LoadAsync(await PutAsync(Provider, Drop, Providers));
        var before = await CountsAsync();
        var file = await PutAsync(Appointment, Drop, AppointmentHeader
            + "10,1,2026-11-20 09:30:00\n"
            + "11,abc,2026-11-20 10:00:00\n"
            + "12,2,2026-11-20 10:30:00\n");

        var outcome = await LoadAsync(file);

        outcome.Status.Should().Be(LoadStatus.Rejected);
        outcome.Problems.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Line = 3L, Column = (int?)2 });
        await ShouldHaveLoadedNothingAsync(file, before);
    }

    [Theory]
    [InlineData("2,0987654321,Bob\n", "too few fields")]
    [InlineData("2,0987654321,Bob,2021-06-30,false,99.99,surplus\n", "too many fields")]
    [InlineData("\n", "a blank line")]
    public async Task LoadAsync_WhenALaterRowHasTheWrongFieldCount_ShouldRejectNamingItsLine(string row, string because)
    {
        var file = await PutAsync(Provider, Drop, ProviderHeader
            + "1,1234567890,Ada Lovelace,2020-01-15,true,120.50\n"
            + row
            + "3,1111111111,Cy,2022-01-01,true,10.00\n");

        var outcome = await LoadAsync(file);

        outcome.Status.Should().Be(LoadStatus.Rejected, because);
        outcome.Problems.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Rule = Rules.FieldCount, Line = 3L }, because);
        await ShouldHaveLoadedNothingAsync(file, NothingStaged);
    }

    [Fact]
    public async Task LoadAsync_WhenANotNullCellIsEmpty_ShouldRejectWithNotNullAtItsLineAndColumn()
    {
        var file = await PutAsync(Provider, Drop, ProviderHeader
            + "1,1234567890,Ada Lovelace,2020-01-15,true,120.50\n"
            + "2,,Bob,2021-06-30,false,99.99\n");

        var outcome = await LoadAsync(file);

        outcome.Status.Should().Be(LoadStatus.Rejected);
        outcome.Problems.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Rule = Rules.NotNull, Line = 3L, Column = (int?)2, ColumnName = "npi" });
        await ShouldHaveLoadedNothingAsync(file, NothingStaged);
    }

    [Fact]
    public async Task LoadAsync_WhenAPrimaryKeyRepeats_ShouldRejectListingBothLines()
    {
        var file = await PutAsync(Provider, Drop, ProviderHeader
            + "5,1234567890,Ada,2020-01-15,true,1.00\n"
            + "3,2234567890,Bob,2020-01-15,true,1.00\n"
            + "5,3234567890,Cy,2020-01-15,true,1.00\n");

        var outcome = await LoadAsync(file);

        outcome.Status.Should().Be(LoadStatus.Rejected);
        outcome.ProblemCount.Should().Be(2);
        outcome.Problems.Select(p => (p.Rule, p.Line, p.Column)).Should().Equal(
            [(Rules.DuplicateKey, 2L, (int?)1), (Rules.DuplicateKey, 4L, (int?)1)], "the key's first column is the file's first field");
        await ShouldHaveLoadedNothingAsync(file, NothingStaged);
    }

    [Fact]
    public async Task LoadAsync_WhenAReferenceIsMissingFromTheDropsLoadedTable_ShouldReject()
    {
        await LoadAsync(await PutAsync(Provider, Drop, Providers));
        var before = await CountsAsync();
        var file = await PutAsync(Appointment, Drop, AppointmentHeader
            + "10,1,2026-11-20 09:30:00\n"
            + "11,9,2026-11-20 10:00:00\n"
            + "12,2,2026-11-20 10:30:00\n");

        var outcome = await LoadAsync(file);

        outcome.Status.Should().Be(LoadStatus.Rejected);
        outcome.Problems.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Rule = Rules.Reference, Line = 3L, Column = (int?)2, ColumnName = "provider_id" });
        await ShouldHaveLoadedNothingAsync(file, before);
    }

    [Fact]
    public async Task LoadAsync_WhenEveryReferenceIsInTheDropsLoadedTable_ShouldLoadWithNothingDeferred()
    {
        await LoadAsync(await PutAsync(Provider, Drop, Providers));
        var file = await PutAsync(Appointment, Drop, AppointmentHeader
            + "10000000000,1,2026-11-20 09:30:00\n"
            + "10000000001,,\n");

        var outcome = await LoadAsync(file);

        outcome.Should().BeEquivalentTo(new { Status = LoadStatus.Loaded, Rows = 2L });
        outcome.DeferredReferences.Should().BeEmpty();
        RowsShouldBe(await Under.Sql.QueryAsync("select appointment_id, provider_id, booked_at from staging.appointment order by appointment_id", Ct),
            [10_000_000_000L, 1L, new DateTime(2026, 11, 20, 9, 30, 0)],
            [10_000_000_001L, null, null]);
    }

    [Fact]
    public async Task LoadAsync_WhenTheDropHasNoFileOfTheReferencedTableYet_ShouldLoadAndDeferTheReference()
    {
        await LoadAsync(await PutAsync(Provider, OtherDrop, Providers));
        var file = await PutAsync(Appointment, Drop, AppointmentHeader + "10,9,2026-11-20 09:30:00\n");

        var outcome = await LoadAsync(file);

        outcome.Should().BeEquivalentTo(new { Status = LoadStatus.Loaded, Rows = 1L });
        outcome.DeferredReferences.Should().Equal("provider_id -> provider.provider_id");
        (await CountsAsync())[Appointment].Should().Be(1);
    }

    [Fact]
    public async Task ContractReferenceChecks_WhenADeferredReferenceIsOrphaned_ShouldFailWithTheRowsFileAndLineOnly()
    {
        var appointments = await PutAsync(Appointment, Drop, AppointmentHeader + "10,1,2026-11-20 09:30:00\n11,9,2026-11-20 09:45:00\n");
        (await LoadAsync(appointments)).DeferredReferences.Should().NotBeEmpty("the drop's provider file has not arrived");
        (await LoadAsync(await PutAsync(Provider, Drop, Providers))).Status.Should().Be(LoadStatus.Loaded);

        var results = await new CheckRunner(Under.Sql, Under.Dialect).RunAsync(ContractReferenceChecks.From(Config, []),
            AnalyticsProject.RelationsIn("unused"), AlertStart, Ct, table => Config.Contract(table["staging.".Length..]).PrimaryKey);

        var result = results.Should().ContainSingle().Subject;
        result.Should().BeEquivalentTo(new { Outcome = CheckOutcome.Fail, Value = 1.0 });
        result.Check.Table.Should().Be("staging.appointment");
        result.Positions.Should().Equal($"{appointments.Object.Key} line 3");
    }

    /// <summary>Issue 15: min, max, sum and freshness over a phi column are measured and judged in the warehouse, and the result
    /// carries the outcome and threshold only, whatever type the warehouse answers them in (a date, a decimal, a big sum);
    /// a text column's max fails without its value. The same checks over columns that are not phi keep their values.</summary>
    [Fact]
    public async Task CheckRunner_WhenACellValuedMetricIsOverAPhiColumn_ShouldJudgeItWithoutCarryingTheValue()
    {
        (await LoadAsync(await PutAsync(Provider, Drop, Providers))).Status.Should().Be(LoadStatus.Loaded);
        var checks = CheckParser.Parse(new ConfigFile("checks/phi.yml", """
            checks for staging.provider:
              - max(rate) < 100
              - sum(provider_id) > 0
              - freshness(started) < 1d
              - max(name) < 1
            """));

        async Task<IReadOnlyList<CheckResult>> RunAsync(bool phi) => await new CheckRunner(Under.Sql, Under.Dialect).RunAsync(
            checks.Select(c => c with { OverPhi = phi }).ToList(), AnalyticsProject.RelationsIn("unused"), AlertStart, Ct);
        var hidden = await RunAsync(phi: true);
        var shown = await RunAsync(phi: false);

        hidden.Select(r => (r.Outcome, r.Value, r.Detail)).Should().Equal(
            (CheckOutcome.Fail, null, "value hidden (phi column) (fail < 100)"),
            (CheckOutcome.Pass, null, "value hidden (phi column) (passed: fail > 0)"),
            (CheckOutcome.Fail, null, "value hidden (phi column) (fail < 1d)"),
            (CheckOutcome.Fail, null, "name is text, not a number or a date: max measures numbers and dates"));
        shown.Select(r => r.Outcome).Should().Equal(hidden.Select(r => r.Outcome));
        shown.Take(2).Select(r => r.Value).Should().Equal(120.5, 6.0);
        shown[2].Value.Should().BeApproximately((AlertStart - new DateTimeOffset(2021, 6, 30, 0, 0, 0, TimeSpan.Zero)).TotalHours, 1e-6);
    }

    [Fact]
    public async Task RecordRejectionAsync_WhenReadBack_ShouldKeepEveryFieldNewestFirst()
    {
        var first = new Rejection(Under.Store.Bucket, $"raw_files/provider_{Drop}.csv", "etag-1", Provider, Drop, "load", 3,
            "line 3, column 2 (npi): the cell is empty, but the column may not be null [not_null]",
            $"error_files/{Drop}/provider_{Drop}.csv.error.json", new DateTimeOffset(2026, 11, 21, 3, 4, 5, 678, TimeSpan.Zero));
        var second = new Rejection("other-bucket", "raw_files/mystery.csv", "etag-2", null, null, "route", 1,
            "no route matches the file name [unknown_file]", "error_files/mystery.csv.error.json",
            first.RejectedAt.AddMinutes(1).ToOffset(TimeSpan.FromHours(2))); // an instant is an instant, whatever its offset

        await Warehouse.RecordRejectionAsync(first, Ct);
        await Warehouse.RecordRejectionAsync(second, Ct);

        (await Warehouse.RecentRejectionsAsync(10, Ct)).Select(ToMillisecond).Should().Equal(second, first);
        (await Warehouse.RecentRejectionsAsync(1, Ct)).Select(ToMillisecond).Should().Equal(second);
        (await Warehouse.DropRejectionsAsync(Drop, Ct)).Select(ToMillisecond).Should().Equal(first);
        (await Warehouse.DropRejectionsAsync(OtherDrop, Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task LastPublishedAtAsync_ShouldAnswerTheLatestPublishNotABlockedOne()
    {
        var first = new DateTimeOffset(2026, 11, 21, 3, 0, 0, 250, TimeSpan.Zero);
        PublishOutcome Decision(bool published) => new(Drop, published, [], [], [], [], TimeSpan.FromSeconds(1));

        var never = await Warehouse.LastPublishedAtAsync(Drop, Ct);
        await Under.CheckHistory.RecordAsync(Decision(published: false), first.AddMinutes(-5), Ct);
        var blockedOnly = await Warehouse.LastPublishedAtAsync(Drop, Ct);
        await Under.CheckHistory.RecordAsync(Decision(published: true), first, Ct);
        await Under.CheckHistory.RecordAsync(Decision(published: true), first.AddHours(1), Ct);
        await Under.CheckHistory.RecordAsync(Decision(published: false), first.AddHours(2), Ct);

        (never, blockedOnly).Should().Be((null, null));
        (await Warehouse.LastPublishedAtAsync(Drop, Ct)).Should().Be(first.AddHours(1));
        (await Warehouse.LastPublishedAtAsync(OtherDrop, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task PublishAttemptsAsync_ShouldKeepEachDropsAttemptsStampedByTheClockThatStampsItsLoads()
    {
        await LoadAsync(await PutAsync(Provider, Drop, Providers));
        await Warehouse.RecordPublishAttemptAsync(Drop, "drop-" + Drop, PublishAttemptEvent.Building, Ct);
        await Warehouse.RecordPublishAttemptAsync(OtherDrop, "drop-" + OtherDrop, PublishAttemptEvent.Building, Ct);
        await LoadAsync(await PutAsync(Provider, Drop, Providers + "4,4444444444,Grace Hopper,2022-02-02,yes,10\n"));
        await Warehouse.RecordPublishAttemptAsync(Drop, "drop-" + Drop, PublishAttemptEvent.Published, Ct);

        var attempts = await Warehouse.PublishAttemptsAsync(Drop, Ct);
        var loads = await Warehouse.DropLoadsAsync(Drop, Ct);

        attempts.Select(a => (a.DropId, a.ExecutionName, a.Event)).Should().Equal(
            (Drop, "drop-" + Drop, PublishAttemptEvent.Building), (Drop, "drop-" + Drop, PublishAttemptEvent.Published));
        (await Warehouse.PublishAttemptsAsync(OtherDrop, Ct)).Should().ContainSingle();
        // The build start and each load's time come from one clock, so a load before the build compares as before it.
        loads.Should().HaveCount(2);
        loads[0].LoadedAt.Should().BeOnOrBefore(attempts[0].At);
        loads[1].LoadedAt.Should().BeOnOrAfter(attempts[0].At);
        PublishPlan.For(Drop, loads.Max(l => l.LoadedAt), attempts).Name.Should().Be($"drop-{Drop}-r2",
            "the second load came after the first publish's build began");
    }

    [Fact]
    public async Task CheckHistoryRecordAsync_WhenADropIsBlocked_ShouldKeepEveryCheckAndTheDecision()
    {
        var at = new DateTimeOffset(2026, 11, 21, 2, 30, 0, 125, TimeSpan.Zero);
        var outcome = new PublishOutcome(Drop, Published: false, [],
        [
            new CheckResult(Check("missing_count(npi) = 0", MetricKind.MissingCount, "=", 7), 2, CheckOutcome.Fail, "2 missing")
            {
                FailedRows = ["provider_id=7 (line 8)"],
            },
            new CheckResult(Check("row_count > 0", MetricKind.RowCount, ">", 3), 3, CheckOutcome.Pass, "3 rows"),
        ], [], [], TimeSpan.FromMilliseconds(1234));

        await Under.CheckHistory.RecordAsync(outcome, at, Ct);

        RowsShouldBe(await Under.Sql.QueryAsync(
                "select check_name, table_name, metric, value, threshold, outcome, detail, source_file, checked_at "
                + $"from audit.check_results where drop_id = '{Drop}' order by check_name", Ct),
            ["missing_count(npi) = 0", "dim_provider", "MissingCount", 2.0, "= 0", "fail", "2 missing", "checks/dim_provider.yml:7", at],
            ["row_count > 0", "dim_provider", "RowCount", 3.0, "> 0", "pass", "3 rows", "checks/dim_provider.yml:3", at]);
        RowsShouldBe(await Under.Sql.QueryAsync(
                "select published, checks_passed, checks_warned, checks_failed, blockers, duration_ms, decided_at "
                + $"from audit.drop_publications where drop_id = '{Drop}'", Ct),
            [false, 1L, 0L, 1L, "dim_provider: missing_count(npi) = 0 — 2 missing", 1234L, at]);
    }

    [Fact]
    public async Task AlertWindowOfferAsync_WhenAlertsComeWithinAndAfterTheWindow_ShouldSendOncePerWindowAndHoldTheRest()
    {
        (await OfferAsync("a", 0)).Should().Equal("a");
        (await OfferAsync("b", 20)).Should().BeEmpty();
        (await OfferAsync("c", 40)).Should().BeEmpty();
        (await OfferAsync("x", 50, OtherDrop)).Should().Equal("x");
        (await OfferAsync("d", 70)).Should().Equal("b", "c", "d");
        (await OfferAsync("e", 90)).Should().BeEmpty();
        (await OfferAsync("f", 140)).Should().Equal("e", "f");
    }

    [Fact]
    public async Task AlertWindowDrainAsync_WhenAlertsAreHeld_ShouldReturnThemOnceAndEmptyTheGroup()
    {
        (await OfferAsync("a", 0)).Should().Equal("a");
        (await OfferAsync("b", 10)).Should().BeEmpty();
        (await OfferAsync("c", 20)).Should().BeEmpty();

        (await Under.AlertWindow.DrainAsync(AlertGroup(Drop), Ct)).Should().Equal("b", "c");

        (await Under.AlertWindow.DrainAsync(AlertGroup(Drop), Ct)).Should().BeEmpty();
        (await OfferAsync("d", 70)).Should().Equal("d");
        (await Under.AlertWindow.DrainAsync(AlertGroup(OtherDrop), Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task LoadAsync_WhenTwoLoadsOfOneVersionRunAtOnce_ShouldLoadItOnce()
    {
        var rows = string.Concat(Enumerable.Range(1, 2000).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{i},{i:D10},Provider {i},2020-01-15,true,{i}.25\n")));
        var file = await PutAsync(Provider, Drop, ProviderHeader + rows);

        var outcomes = await Task.WhenAll(Task.Run(() => LoadAsync(file)), Task.Run(() => LoadAsync(file)));

        outcomes.Select(o => o.Status).Should().BeEquivalentTo([LoadStatus.Loaded, LoadStatus.AlreadyLoaded]);
        outcomes.Select(o => o.LoadId).Distinct().Should().ContainSingle();
        outcomes.Select(o => o.Rows).Should().Equal(2000L, 2000L);
        (await CountsAsync())[Provider].Should().Be(2000);
        (await Warehouse.DropLoadsAsync(Drop, Ct)).Should().ContainSingle();
    }

    protected async Task<RoutedFile> PutAsync(string table, string drop, string csv, int? part = null)
    {
        var key = part is null ? $"raw_files/{table}_{drop}.csv" : $"raw_files/{table}_{drop}_part{part}.csv";
        await using (var content = new MemoryStream(Encoding.UTF8.GetBytes(csv)))
            await Under.Store.PutAsync(key, content, Ct);
        var head = await Under.Store.HeadAsync(key, Ct) ?? throw new InvalidOperationException($"the bucket has no {key} after the put");
        return RoutedFile.Of(head, table, new DropId(drop), part);
    }

    private static string AlertGroup(string drop) => "drop-" + drop;

    /// <summary>Offers an alert to a drop's group, <paramref name="seconds"/> after a fixed start, with a one-minute window.</summary>
    private Task<IReadOnlyList<string>> OfferAsync(string summary, int seconds, string drop = Drop) =>
        Under.AlertWindow.OfferAsync(AlertGroup(drop), summary, AlertStart.AddSeconds(seconds), TimeSpan.FromMinutes(1), Ct);

    protected Task<LoadOutcome> LoadAsync(RoutedFile file) => Under.Loader.LoadAsync(file, Config.Contract(file.Table), null, Ct);

    protected Task<IReadOnlyDictionary<string, long>> CountsAsync() => Warehouse.StagingRowCountsAsync(Config, Ct);


    private async Task ShouldHaveLoadedNothingAsync(RoutedFile file, IReadOnlyDictionary<string, long> before)
    {
        (await Warehouse.FindLoadAsync(file.Object, Ct)).Should().BeNull("a refused file has no ledger entry");
        (await Warehouse.DropLoadsAsync(file.DropId.Value, Ct)).Should().NotContain(e => e.Key == file.Object.Key);
        (await CountsAsync()).Should().BeEquivalentTo(before, "a refused file leaves staging as it was");
    }

    private static CheckDefinition Check(string text, MetricKind metric, string comparison, int line) =>
        new("dim_provider", text, metric, ["npi"], new Threshold(comparison, 0, null, $"{comparison} 0"), null, Validity.None,
            null, [], null, "checks/dim_provider.yml", line);

    private static Rejection ToMillisecond(Rejection rejection) => rejection with { RejectedAt = Instant(rejection.RejectedAt) };

    private static DateTimeOffset Instant(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    /// <summary>Compares each row's cells with the expected values, each cell read as the expected value's type (text is
    /// never converted: a number or date returned as text is a difference).</summary>
    private static void RowsShouldBe(IReadOnlyList<object?[]> rows, params object?[][] expected)
    {
        rows.Should().HaveCount(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var row = rows[i].Select((cell, j) => j < expected[i].Length ? As(cell, expected[i][j]) : cell);
            row.Should().Equal((IEnumerable<object?>)expected[i], "row {0} should hold those values", i + 1);
        }
    }

    private static object? As(object? cell, object? expected) => (cell, expected) switch
    {
        (null, _) or (_, null) => cell,
        (string, _) => cell,
        (_, long) => Convert.ToInt64(cell, CultureInfo.InvariantCulture),
        (_, decimal) => Convert.ToDecimal(cell, CultureInfo.InvariantCulture),
        (_, double) => Convert.ToDouble(cell, CultureInfo.InvariantCulture),
        (DateTime at, DateOnly) when at.TimeOfDay == TimeSpan.Zero => DateOnly.FromDateTime(at),
        (DateTime at, DateTimeOffset) => Instant(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))),
        (DateTimeOffset at, DateTimeOffset) => Instant(at),
        _ => cell,
    };
}
