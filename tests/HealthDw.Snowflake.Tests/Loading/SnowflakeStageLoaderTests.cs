using HealthDw.Core.Loading;
using HealthDw.Core.Validation;
using HealthDw.Snowflake.Tests.Support;
using HealthDw.Snowflake.Tests.Warehouse;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Snowflake.Tests.Loading;

public sealed class SnowflakeStageLoaderTests : IAsyncLifetime
{
    private const string BadNumberAtLine38 =
        "Numeric value 'abc' is not recognized\n" +
        "  File 'raw_files/chart_appointment_20261121T0200.csv', line 38, character 12\n" +
        "  Row 37, column \"T\"[\"APPT_START\":5]\n" +
        "  If you would like to continue loading when an error is encountered, use other values such as 'SKIP_FILE' or 'CONTINUE' for the ON_ERROR option. " +
        "For more information on loading options, please run 'info loading_data' in a SQL client.";

    private readonly StageLoaderFixture _f = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task LoadAsync_WhenTheLedgerHasTheVersion_ShouldReportAlreadyLoadedAndCopyNothing()
    {
        var loadId = Guid.Parse("0196a0c2-1111-7000-8000-000000000001");
        _f.Api.On("^select load_id, bucket", ScriptedAnswer.Table(SnowflakeWarehouseTests.LedgerColumns,
            [loadId.ToString(), "drops", StageLoaderFixture.Key, "etag-1", "chart_appointment", StageLoaderFixture.Drop, null, "5000", "450000",
                "1795226400.000000000", "1795226412.000000000"]));

        var outcome = await _f.Loader.LoadAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, null, default);

        (outcome.Status, outcome.LoadId, outcome.Rows).Should().Be((LoadStatus.AlreadyLoaded, loadId, 5000L));
        _f.Api.Requests.Should().ContainSingle("only the ledger is read");
        _f.Api.Requests[0].Bindings.Should().Equal("drops", StageLoaderFixture.Key, "etag-1");
    }

    [Fact]
    public async Task LoadAsync_WhenTheCopyLoadsTheFile_ShouldCommitLedgerAndRowsInOneTransactionRequest()
    {
        var progress = new List<FileLoadProgress>();

        var outcome = await _f.Loader.LoadAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, new SyncProgress(progress), default);

        outcome.Status.Should().Be(LoadStatus.Loaded);
        (outcome.Rows, outcome.Bytes, outcome.ProblemCount).Should().Be((5000L, 450_000L, 0L));
        outcome.Problems.Should().BeEmpty();
        outcome.DeferredReferences.Should().BeEmpty();
        outcome.LoadId.Should().Be(_f.LoadId());
        progress.Should().Equal(new FileLoadProgress(5000, 450_000L));

        var table = SnowflakeStageLoader.LoadTable(outcome.LoadId);
        _f.Api.Requests.Select(r => r.Statements[0].Split('\n')[0]).Should().Equal(
            "select load_id, bucket, object_key, version_token, table_name, drop_id, part, rows_loaded, size_bytes,",
            $"create transient table if not exists {table} like staging.chart_appointment",
            $"copy into {table} (apptpk, patient_uid, provider_uid, locationpk, appt_start, visit_type, status, update_at, _source_line, _source_key, _source_version, _load_id, _loaded_at)",
            "select distinct table_name from audit.load_ledger where drop_id = ? and loaded_at is not null and table_name in (?, ?)",
            "with v as (",
            "begin transaction");
        var commit = _f.CommitRequest!;
        commit.Count.Should().Be(6);
        commit.Statements[0].Should().Be("begin transaction");
        commit.Statements[1].Should().Be("update audit.write_lock set writes = writes + 1", "the lock is taken before the MERGE reads the ledger");
        commit.Statements[2].Should().StartWith("merge into audit.load_ledger as l")
            .And.Contain($"select '{outcome.LoadId}' as load_id, 'drops' as bucket, '{StageLoaderFixture.Key}' as object_key")
            .And.Contain("'etag-1' as version_token")
            .And.Contain("5000 as rows_loaded")
            .And.Contain("on l.bucket = s.bucket and l.object_key = s.object_key and l.version_token = s.version_token")
            .And.Contain("when not matched then insert");
        commit.Statements[3].Should().Be(
            $"insert into staging.chart_appointment\nselect * from {table}\n" +
            $"where exists (select 1 from audit.load_ledger where load_id = '{outcome.LoadId}')\n" +
            $"  and not exists (select 1 from staging.chart_appointment where _load_id = '{outcome.LoadId}')");
        commit.Statements[4].Should().Be("commit");
        commit.Statements[5].Should().Be($"drop table if exists {table}");
        commit.RequestId.Should().NotBeNull();
        _f.Api.Statements.Count(s => s.StartsWith("insert into staging.", StringComparison.Ordinal)).Should().Be(1);
        _f.Api.Unmatched.Should().BeEmpty();
        _f.Harness.Server.AuthFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task LoadAsync_WhenTheCopyAbortsOnABadValue_ShouldRejectWithRuleLineAndColumnButNotTheValue()
    {
        _f.Api.On(@"^copy into staging\._load_", StageLoaderFixture.CopyFailed(BadNumberAtLine38));

        var outcome = await _f.Loader.LoadAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, null, default);

        outcome.Status.Should().Be(LoadStatus.Rejected);
        outcome.ProblemCount.Should().Be(1);
        var problem = outcome.Problems.Should().ContainSingle().Which;
        (problem.Rule, problem.Line, problem.Column, problem.ColumnName).Should().Be((Rules.Type, 38L, 5, "APPT_START"));
        problem.Message.Should().Contain("the value is not a timestamp as yyyy-MM-dd HH:mm:ss").And.Contain("Numeric value '?' is not recognized");
        problem.Hint.Should().Be("the contract declares APPT_START as timestamp");
        (problem.ToString() + problem.Message + problem.Hint).Should().NotContain("abc");
        _f.CommitRequest.Should().BeNull();
        _f.Api.Statements.Should().Contain($"drop table if exists {SnowflakeStageLoader.LoadTable(_f.LoadId())}");
    }

    [Theory]
    [InlineData("String 'Jane Doe Smith Junior' is too long and would be truncated", "\"T\"[\"STATUS\":7]", Rules.Length, 7, "STATUS")]
    [InlineData("Timestamp '21/11/2026' is not recognized", "\"T\"[\"UPDATE_AT\":8]", Rules.Type, 8, "UPDATE_AT")]
    [InlineData("Invalid UTF8 detected in string '0xE9'", "\"T\"[\"VISIT_TYPE\":6]", Rules.Encoding, 6, "VISIT_TYPE")]
    public async Task LoadAsync_WhenTheCopyStopsOnOtherRules_ShouldNameTheRuleAndColumn(string rule, string column, string expected, int position, string name)
    {
        _f.Api.On(@"^copy into staging\._load_", StageLoaderFixture.CopyFailed(
            $"{rule}\n  File '{StageLoaderFixture.Key}', line 4, character 9\n  Row 3, column {column}"));

        var outcome = await _f.Loader.LoadAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, null, default);

        var problem = outcome.Problems.Should().ContainSingle().Which;
        (problem.Rule, problem.Line, problem.Column, problem.ColumnName).Should().Be((expected, 4L, position, name));
        problem.Message.Should().NotContain("Jane").And.NotContain("21/11").And.NotContain("0xE9");
    }

    [Fact]
    public async Task LoadAsync_WhenARowHasTooFewFields_ShouldRejectWithFieldCount()
    {
        _f.Api.On(@"^copy into staging\._load_", StageLoaderFixture.CopyFailed(
            "Number of columns in file (6) does not match that of the corresponding table (13), use file format option error_on_column_count_mismatch=false to ignore this error\n" +
            $"  File '{StageLoaderFixture.Key}', line 3, character 1\n  Row 2 starts at line 2, column \"T\"[6]"));

        var outcome = await _f.Loader.LoadAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, null, default);

        var problem = outcome.Problems.Should().ContainSingle().Which;
        (problem.Rule, problem.Line, problem.Column, problem.ColumnName).Should().Be((Rules.FieldCount, 3L, (int?)null, (string?)null));
    }

    [Fact]
    public async Task LoadAsync_WhenTheCopyFailsForAnotherReason_ShouldThrowAndCommitNothing()
    {
        _f.Api.On(@"^copy into staging\._load_", new ScriptedAnswer.Failure("002003", "02000",
            "SQL compilation error:\nStage 'HEALTHDW.STAGING.RAW_STAGE' does not exist or not authorized."));

        var act = () => _f.Loader.LoadAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, null, default);

        (await act.Should().ThrowAsync<SnowflakeSqlException>()).Which.Code.Should().Be("002003");
        _f.CommitRequest.Should().BeNull();
    }

    [Fact]
    public async Task LoadAsync_WhenKeysRepeat_ShouldRejectWithTheirLines()
    {
        _f.Api.On("^with v as", ScriptedAnswer.Table(StageLoaderFixture.ViolationColumns,
            ["duplicate_key", "APPTPK", "3", "5"], ["duplicate_key", "APPTPK", "3", "9"], ["duplicate_key", "APPTPK", "3", "12"]));

        var outcome = await _f.Loader.LoadAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, null, default);

        outcome.Status.Should().Be(LoadStatus.Rejected);
        outcome.ProblemCount.Should().Be(3);
        outcome.Problems.Select(p => (p.Rule, p.Line, p.ColumnName)).Should().Equal(
            (Rules.DuplicateKey, 5L, "APPTPK"), (Rules.DuplicateKey, 9L, "APPTPK"), (Rules.DuplicateKey, 12L, "APPTPK"));
        outcome.Problems[0].Message.Should().Be("another row of the file has the same primary key");
        _f.CommitRequest.Should().BeNull();
        _f.Api.Statements.Should().Contain($"drop table if exists {SnowflakeStageLoader.LoadTable(outcome.LoadId)}");
        var checks = _f.Api.Statements.Single(s => s.StartsWith("with v as", StringComparison.Ordinal));
        checks.Should().Contain($"count(*) over (partition by apptpk) as n from {SnowflakeStageLoader.LoadTable(outcome.LoadId)}) where n > 1")
            .And.Contain("qualify row_number() over (partition by rule, column_name order by _source_line) <= 100");
    }

    [Fact]
    public async Task LoadAsync_WhenNonNullCellsAreEmpty_ShouldRejectThemBeforeCountingKeyProblems()
    {
        _f.Api.On("^with v as", ScriptedAnswer.Table(StageLoaderFixture.ViolationColumns,
            ["duplicate_key", "APPTPK", "1", "7"], ["not_null", "STATUS", "1", "4"]));

        var outcome = await _f.Loader.LoadAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, null, default);

        var problem = outcome.Problems.Should().ContainSingle().Which;
        (problem.Rule, problem.Line, problem.Column, problem.ColumnName).Should().Be((Rules.NotNull, 4L, 7, "STATUS"));
    }

    [Fact]
    public async Task LoadAsync_WhenAReferencedTableHasNoFileOfTheDropYet_ShouldDeferThatReferenceAndCheckTheOthers()
    {
        _f.Api.On(@"^select distinct table_name from audit\.load_ledger", ScriptedAnswer.Table([new("TABLE_NAME", "text")], ["register_users"]));

        var outcome = await _f.Loader.LoadAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, null, default);

        outcome.Status.Should().Be(LoadStatus.Loaded);
        outcome.DeferredReferences.Should().Equal("LOCATIONPK -> register_location.LOCATIONPK");
        _f.Api.Requests.Single(r => r.Sql.StartsWith("select distinct", StringComparison.Ordinal)).Bindings
            .Should().Equal(StageLoaderFixture.Drop, "register_users", "register_location");
        var checks = _f.Api.Statements.Single(s => s.StartsWith("with v as", StringComparison.Ordinal));
        checks.Should().Contain("where s.patient_uid is not null and not exists (select 1 from staging.register_users r where r.uid = s.patient_uid)")
            .And.Contain("where s.provider_uid is not null and not exists (select 1 from staging.register_users r where r.uid = s.provider_uid)")
            .And.NotContain("register_location");
    }

    [Fact]
    public async Task LoadAsync_WhenAReferenceIsBroken_ShouldRejectWithTheColumn()
    {
        _f.Api.On("^with v as", ScriptedAnswer.Table(StageLoaderFixture.ViolationColumns, ["reference", "LOCATIONPK", "120", "2"]));

        var outcome = await _f.Loader.LoadAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, null, default);

        outcome.ProblemCount.Should().Be(120);
        var problem = outcome.Problems.Should().ContainSingle().Which;
        (problem.Rule, problem.Line, problem.ColumnName).Should().Be((Rules.Reference, 2L, "LOCATIONPK"));
        problem.Message.Should().Be("the value does not exist in register_location.LOCATIONPK");
    }

    [Fact]
    public async Task LoadAsync_WhenTheFileHasOnlyItsHeader_ShouldRejectWithNoRows()
    {
        _f.Api.On(@"^copy into staging\._load_", StageLoaderFixture.Copied(0));

        var outcome = await _f.Loader.LoadAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, null, default);

        var problem = outcome.Problems.Should().ContainSingle().Which;
        (problem.Rule, problem.Line).Should().Be((Rules.NoRows, 2L));
        _f.Api.Statements.Should().NotContain(s => s.StartsWith("with v as", StringComparison.Ordinal));
        _f.CommitRequest.Should().BeNull();
    }

    [Fact]
    public async Task LoadAsync_WhenAnotherLoadClaimedTheVersionFirst_ShouldReportAlreadyLoaded()
    {
        var winner = Guid.Parse("0196a0c2-2222-7000-8000-000000000002");
        var reads = 0;
        _f.Api.On("^select load_id, bucket", _ => Interlocked.Increment(ref reads) == 1
            ? ScriptedAnswer.Empty(SnowflakeWarehouseTests.LedgerColumns)
            : ScriptedAnswer.Table(SnowflakeWarehouseTests.LedgerColumns,
                [winner.ToString(), "drops", StageLoaderFixture.Key, "etag-1", "chart_appointment", StageLoaderFixture.Drop, null, "5000", "450000",
                    "1795226400.000000000", "1795226401.000000000"]));
        _f.Api.On("^merge into audit.load_ledger", ScriptedAnswer.Inserted(0));

        var outcome = await _f.Loader.LoadAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, null, default);

        (outcome.Status, outcome.LoadId).Should().Be((LoadStatus.AlreadyLoaded, winner));
    }

    [Fact]
    public async Task ResumeAsync_WhenTheCopyLoadedOtherThanTheCheckedRows_ShouldRejectAndKeepNothing()
    {
        _f.Api.On(@"^copy into staging\._load_", new ScriptedAnswer.Running(1, StageLoaderFixture.Copied(4_999)));
        var started = await _f.Loader.StartAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, default);
        var handle = started.Handle! with { CheckedRows = 5_000 };

        var done = await _f.Loader.ResumeAsync(handle, StageLoaderFixture.File(), StageLoaderFixture.Appointment, default);

        done.Outcome!.Status.Should().Be(LoadStatus.Rejected);
        var problem = done.Outcome.Problems.Should().ContainSingle().Which;
        problem.Rule.Should().Be(Rules.StepFailed);
        problem.Message.Should().Contain("4999").And.Contain("5000");
        _f.CommitRequest.Should().BeNull();
        _f.Api.Statements.Should().Contain($"drop table if exists {SnowflakeStageLoader.LoadTable(handle.LoadId)}");
    }

    [Fact]
    public async Task StartAsync_WhenTheCopyIsStillRunning_ShouldReturnItsHandleAndResumeAsyncShouldFinishTheLoad()
    {
        _f.Api.On(@"^copy into staging\._load_", new ScriptedAnswer.Running(2, StageLoaderFixture.Copied(1_200_000)));

        var started = await _f.Loader.StartAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, default);

        started.IsFinished.Should().BeFalse();
        var handle = started.Handle!;
        handle.LoadId.Should().Be(_f.LoadId());
        handle.StatementHandle.Should().NotBeNullOrEmpty();
        handle.StartedAt.Should().Be(_f.Harness.Clock.Now);
        _f.Api.Statements.Should().NotContain(s => s.StartsWith("with v as", StringComparison.Ordinal));
        _f.Harness.Clock.Delays.Should().BeEmpty("the state machine's Wait state does the waiting");

        var stillRunning = await _f.Loader.ResumeAsync(handle, StageLoaderFixture.File(), StageLoaderFixture.Appointment, default);
        stillRunning.Handle.Should().Be(handle);
        _f.CommitRequest.Should().BeNull();

        _f.Harness.Clock.Advance(TimeSpan.FromMinutes(3));
        var done = await _f.Loader.ResumeAsync(handle, StageLoaderFixture.File(), StageLoaderFixture.Appointment, default);

        done.IsFinished.Should().BeTrue();
        (done.Outcome!.Status, done.Outcome.Rows, done.Outcome.LoadId).Should().Be((LoadStatus.Loaded, 1_200_000L, handle.LoadId));
        done.Outcome.Duration.Should().Be(TimeSpan.FromMinutes(3));
        _f.CommitRequest.Should().NotBeNull();
        _f.Harness.Server.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith(handle.StatementHandle, StringComparison.Ordinal)).Should().Be(2);
    }

    [Fact]
    public async Task ResumeAsync_WhenTheRunningCopyFails_ShouldRejectTheFile()
    {
        _f.Api.On(@"^copy into staging\._load_", new ScriptedAnswer.Running(1, StageLoaderFixture.CopyFailed(BadNumberAtLine38)));
        var started = await _f.Loader.StartAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, default);

        var done = await _f.Loader.ResumeAsync(started.Handle!, StageLoaderFixture.File(), StageLoaderFixture.Appointment, default);

        done.Outcome!.Status.Should().Be(LoadStatus.Rejected);
        (done.Outcome.Problems[0].Line, done.Outcome.Problems[0].Column).Should().Be((38L, 5));
    }

    [Fact]
    public async Task ResumeAsync_WhenARetriedTaskResumesALoadThatAlreadyCommitted_ShouldAnswerFromTheLedgerAndCommitNothing()
    {
        _f.Api.On(@"^copy into staging\._load_", new ScriptedAnswer.Running(1, StageLoaderFixture.Copied(10)));
        var handle = (await _f.Loader.StartAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, default)).Handle!;
        _f.Api.On("^select load_id, bucket", ScriptedAnswer.Table(SnowflakeWarehouseTests.LedgerColumns,
            [handle.LoadId.ToString(), "drops", StageLoaderFixture.Key, "etag-1", "chart_appointment", StageLoaderFixture.Drop, null, "10", "450000",
                "1795226400.000000000", "1795226460.000000000"]));

        var done = await _f.Loader.ResumeAsync(handle, StageLoaderFixture.File(), StageLoaderFixture.Appointment, default);

        (done.Outcome!.Status, done.Outcome.LoadId, done.Outcome.Rows).Should().Be((LoadStatus.Loaded, handle.LoadId, 10L));
        _f.Api.Statements.Should().NotContain(s => s.StartsWith("with v as", StringComparison.Ordinal));
        _f.CommitRequest.Should().BeNull();
    }

    [Fact]
    public async Task ResumeAsync_WhenAnotherLoadCommittedTheVersionMeanwhile_ShouldAnswerAlreadyLoadedAndDropItsOwnCopy()
    {
        _f.Api.On(@"^copy into staging\._load_", new ScriptedAnswer.Running(1, StageLoaderFixture.Copied(10)));
        var handle = (await _f.Loader.StartAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, default)).Handle!;
        var winner = Guid.Parse("0196a0c2-3333-7000-8000-000000000003");
        _f.Api.On("^select load_id, bucket", ScriptedAnswer.Table(SnowflakeWarehouseTests.LedgerColumns,
            [winner.ToString(), "drops", StageLoaderFixture.Key, "etag-1", "chart_appointment", StageLoaderFixture.Drop, null, "10", "450000",
                "1795226400.000000000", "1795226460.000000000"]));

        var done = await _f.Loader.ResumeAsync(handle, StageLoaderFixture.File(), StageLoaderFixture.Appointment, default);

        (done.Outcome!.Status, done.Outcome.LoadId).Should().Be((LoadStatus.AlreadyLoaded, winner));
        _f.CommitRequest.Should().BeNull();
        _f.Api.Statements.Should().Contain($"drop table if exists {SnowflakeStageLoader.LoadTable(handle.LoadId)}", "the loser's copy is not left for the sweep");
    }

    [Fact]
    public async Task LoadAsync_WhenTheCopyRunsLong_ShouldPollWithGrowingWaits()
    {
        _f.Api.On(@"^copy into staging\._load_", new ScriptedAnswer.Running(4, StageLoaderFixture.Copied(10)));

        var outcome = await _f.Loader.LoadAsync(StageLoaderFixture.File(), StageLoaderFixture.Appointment, null, default);

        outcome.Status.Should().Be(LoadStatus.Loaded);
        _f.Harness.Clock.Delays.Should().Equal(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task SweepLeftoversAsync_ShouldDropPerLoadTablesOlderThanADay()
    {
        _f.Api.On("^select table_name from information_schema.tables", ScriptedAnswer.Table([new("TABLE_NAME", "text")],
            ["_LOAD_0196A0C2111170008000000000000001"], ["_LOAD_0196A0C2111170008000000000000002"]));

        var dropped = await _f.Loader.SweepLeftoversAsync(default);

        dropped.Should().Be(2);
        var query = _f.Api.Requests[0].Sql;
        query.Should().Contain("where table_schema = 'STAGING' and startswith(table_name, '_LOAD_') and is_transient = 'YES'")
            .And.Contain("created < to_timestamp_ltz('2026-11-20 02:00:00.000 +00:00', 'YYYY-MM-DD HH24:MI:SS.FF3 TZH:TZM')");
        _f.Api.Requests[1].Statements.Should().Equal(
            "drop table if exists staging._load_0196a0c2111170008000000000000001",
            "drop table if exists staging._load_0196a0c2111170008000000000000002");
    }

    [Fact]
    public void Constructor_WhenFilesAreToBeCheckedButNoBucketIsGiven_ShouldRefuse()
    {
        var act = () => new SnowflakeStageLoader(_f.Harness.Client, _f.Warehouse, new SnowflakeStageOptions(), _f.Harness.Clock, _f.Harness.Clock);

        act.Should().Throw<ArgumentException>().WithMessage("*needs the bucket*");
    }

    [Fact]
    public void Constructor_WhenTheStageIsNotANamedStage_ShouldRefuse()
    {
        var act = () => new SnowflakeStageLoader(_f.Harness.Client, _f.Warehouse, new SnowflakeStageOptions { Stage = "s3://drops/", CheckFilesFirst = false },
            _f.Harness.Clock, _f.Harness.Clock);

        act.Should().Throw<ArgumentException>().WithMessage("*@[<database>.]<schema>.<stage>*");
    }

    private sealed class SyncProgress(List<FileLoadProgress> values) : IProgress<FileLoadProgress>
    {
        public void Report(FileLoadProgress value) => values.Add(value);
    }
}
