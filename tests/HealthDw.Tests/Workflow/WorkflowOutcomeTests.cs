using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.Cli.Local;
using HealthDw.Core.Configuration;
using HealthDw.Core.Drops;
using HealthDw.Core.Loading;
using HealthDw.Functions;
using HealthDw.Functions.Steps;
using HealthDw.StateMachine;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Randomness;
using HealthDw.StateMachine.Tasks;
using HealthDw.StateMachine.Time;
using HealthDw.Storage;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Workflow;

/// <summary>
/// The real statemachine/*.asl.json, run by the interpreter (which names path faults as the service does:
/// States.Runtime, never caught) over scripted step results of the real result types. Each Fail state is reached
/// by a Lambda error without a Cause (a Catch's error output then has no "Cause": Developer Guide, "Handling errors
/// in Step Functions workflows", error output), each loop is run to its bound, and each failed notification is
/// seen in the output.
/// </summary>
public class WorkflowOutcomeTests
{
    private const string DropId = "20261121T0200";
    private const string Key = "raw_files/chart_code_20261121T0200.csv";

    /// <summary>Default results: a routed file that validates, loads and is archived into an incomplete drop.</summary>
    private sealed class ScriptedSteps : ILambdaInvoker
    {
        private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

        public Dictionary<string, Func<JsonNode?, JsonNode?>> Steps { get; } = new(StringComparer.Ordinal)
        {
            [StepHandlerTable.RouteFile] = _ => Json(new RouteResult(StepStatus.Routed, File(), "matches the route for chart_code"), HealthDwJsonContext.Default.RouteResult),
            [StepHandlerTable.ValidateFile] = _ => Check(StepStatus.Valid, "validate"),
            [StepHandlerTable.LoadToStaging] = _ => Check(StepStatus.Loaded, "load"),
            [StepHandlerTable.LoadStatus] = _ => Check(StepStatus.Loaded, "load"),
            [StepHandlerTable.ArchiveFile] = _ => Json(new ArchiveResult(StepStatus.Processed, "processed/" + DropId + "/chart_code_20261121T0200.csv", null,
                Key + " archived"), HealthDwJsonContext.Default.ArchiveResult),
            [StepHandlerTable.DropStatus] = _ => Drop(complete: false, overdue: false),
            [StepHandlerTable.Notify] = _ => Json(new NotifyResult(true, "sent"), HealthDwJsonContext.Default.NotifyResult),
            [StepHandlerTable.PublishDrop] = Phases(new PublishDropResult(DropId, true, "published", ["1 file"], [])),
        };

        /// <summary>publish-drop's phases: every model and check done at once, totals that agree, then <paramref name="decision"/>.</summary>
        public static Func<JsonNode?, JsonNode?> Phases(PublishDropResult decision) => payload => (string?)payload?["phase"] switch
        {
            PublishDropHandler.BuildModels or PublishDropHandler.CheckModels => Json(
                new HealthDw.Core.Models.BuildProgress("build_x", DateTimeOffset.UnixEpoch, [], true, 1), HealthDwJsonContext.Default.BuildProgress),
            PublishDropHandler.RunChecks or PublishDropHandler.CheckChecks => Json(
                new HealthDw.Core.Checks.CheckProgress([], [], true, 1), HealthDwJsonContext.Default.CheckProgress),
            PublishDropHandler.Reconcile => Json(new ReconcileResult([], true), HealthDwJsonContext.Default.ReconcileResult),
            PublishDropHandler.PublishOrDiscard => Json(decision, HealthDwJsonContext.Default.PublishDropResult),
            var phase => throw new TaskFailedException("Test.UnknownPhase", $"publish-drop has no phase '{phase}'"),
        };

        public int CallsTo(string handler) => _calls.GetValueOrDefault(handler);

        public Task<JsonNode?> InvokeAsync(string functionNameOrArn, JsonNode? payload, CancellationToken cancellationToken)
        {
            var handler = LocalBindings.HandlerOf(functionNameOrArn);
            // An unbounded loop in a definition must fail the test, not hang it.
            if (_calls.AddOrUpdate(handler, 1, (_, n) => n + 1) > 1000)
                throw new TaskFailedException("Test.Runaway", $"{handler} was called more than 1000 times");
            return Task.FromResult(Steps[handler](payload));
        }
    }

    private static FileRef File() => new("bucket", Key, 10, "etag", "v1", "chart_code", DropId, null);

    private static JsonNode? Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonNode.Parse(JsonSerializer.Serialize(value, info));

    private static JsonNode? Check(StepStatus status, string stage, LoadHandle? handle = null) =>
        Json(new FileVerdict(status, stage, Guid.Empty, 2, 10, 1, 0, [], [], handle), HealthDwJsonContext.Default.FileVerdict);

    private static JsonNode? Drop(bool complete, bool overdue, DateTimeOffset? lastPublishedAt = null, string lateFiles = "publish") =>
        Json(new DropState(DropId, complete, overdue, false, 1, 2, overdue ? ["chart_provider"] : [], [], lastPublishedAt, null, lateFiles, $"drop-{DropId}-r2"),
            HealthDwJsonContext.Default.DropState);

    /// <summary>A Lambda error with no Cause, as a function that fails without a message (or an unhandled crash) reports it.</summary>
    private static Func<JsonNode?, JsonNode?> FailsWithoutCause(string error) => _ => throw new TaskFailedException(error, null);

    private static async Task<ExecutionRecord> RunAsync(string machine, ScriptedSteps steps, JsonNode input)
    {
        var runner = new StateMachineRunner(new StateMachineRunnerOptions
        {
            LambdaInvoker = steps,
            Clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero)),
            Random = new SeededRandomSource(1),
            Ids = new SequentialIdSource(),
        });
        foreach (var name in new[] { "ingest-file", "publish-drop" })
        {
            var text = DefinitionSubstitutions.Apply(System.IO.File.ReadAllText(Path.Combine(Repo.Root, "statemachine", name + ".asl.json")), LocalBindings.Values);
            runner.Register(AslDefinition.Parse(text, "healthdw-" + name));
        }
        var record = await runner.StartExecutionAsync("healthdw-" + machine, "test", input);
        await runner.WaitForAllAsync();
        return record;
    }

    private static JsonNode IngestInput() => new JsonObject { ["detail"] = new JsonObject { ["object"] = new JsonObject { ["key"] = Key } } };

    private static JsonNode PublishInput() => new JsonObject { ["dropId"] = DropId, ["startedBy"] = "test" };

    /// <summary>Every Fail state, reached by a Lambda error without a Cause; the execution must end in that Fail state's own error.</summary>
    public static TheoryData<string, string, string> FailStates() => new()
    {
        { "ingest-file", "Step Failed", "route-file" },
        { "ingest-file", "Step Failed", "validate-file" },
        { "ingest-file", "File Rejected", "notify" },
        { "publish-drop", "Publish Failed", "drop-status" },
        { "publish-drop", "Drop Blocked", "notify" },
        { "publish-drop", "Drop Incomplete", "notify" },
    };

    [Theory]
    [MemberData(nameof(FailStates))]
    public async Task FailState_WhenReachedByALambdaErrorWithoutCause_ShouldFailWithItsOwnErrorNotStatesRuntime(string machine, string failState, string failing)
    {
        var steps = new ScriptedSteps();
        steps.Steps[failing] = FailsWithoutCause("Lambda.Unknown");
        if (failState == "File Rejected")
            steps.Steps[StepHandlerTable.ValidateFile] = _ => Check(StepStatus.Rejected, "validate");
        if (failState == "Drop Blocked")
        {
            steps.Steps[StepHandlerTable.DropStatus] = _ => Drop(complete: true, overdue: false);
            steps.Steps[StepHandlerTable.PublishDrop] = ScriptedSteps.Phases(new PublishDropResult(DropId, false, "blocked", [], ["check failed"]));
        }
        if (failState == "Drop Incomplete")
            steps.Steps[StepHandlerTable.DropStatus] = _ => Drop(complete: false, overdue: true);

        var record = await RunAsync(machine, steps, machine == "ingest-file" ? IngestInput() : PublishInput());

        record.Status.Should().Be(ExecutionStatus.Failed);
        record.Error.Should().NotBe("States.Runtime", record.Cause);
        record.Path[^1].Should().Be(failState);
        var definition = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(Repo.Root, "statemachine", machine + ".asl.json")))!;
        record.Error.Should().Be((string)definition["States"]![failState]!["Error"]!);
    }

    [Fact]
    public void FailStates_ShouldCoverEveryFailStateOfBothDefinitions()
    {
        var covered = FailStates().Select(row => $"{row[0]}/{row[1]}").ToHashSet();
        foreach (var machine in new[] { "ingest-file", "publish-drop" })
        {
            var states = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(Repo.Root, "statemachine", machine + ".asl.json")))!["States"]!.AsObject();
            foreach (var (name, state) in states.Where(s => (string?)s.Value!["Type"] == "Fail"))
                covered.Should().Contain($"{machine}/{name}", "every Fail state needs a scenario that reaches it with a cause-less error");
        }
    }

    [Fact]
    public async Task Ingest_WhenValidateFailsForGood_ShouldArchiveTheFileAndFailWithTheStepsOriginalErrorAndCause()
    {
        var steps = new ScriptedSteps();
        steps.Steps[StepHandlerTable.ValidateFile] = _ => throw new TaskFailedException("HealthDw.TransientError", "NpgsqlException: timeout");

        var record = await RunAsync("ingest-file", steps, IngestInput());

        record.Error.Should().Be("HealthDw.StepFailed");
        record.Cause.Should().Contain("HealthDw.TransientError").And.Contain("NpgsqlException: timeout");
        record.Path.Should().ContainInOrder("Validate File", "Archive After Step Failure", "Notify Step Failure", "Step Failed");
        steps.CallsTo(StepHandlerTable.ArchiveFile).Should().Be(1, "the file still goes to error_files/");
    }

    [Fact]
    public async Task Ingest_WhenTheLoadNeverFinishes_ShouldGiveUpAfterTheBoundAndNameTheFile()
    {
        var steps = new ScriptedSteps();
        var handle = new LoadHandle(Guid.Empty, "01b2-statement", DateTimeOffset.UnixEpoch);
        steps.Steps[StepHandlerTable.LoadToStaging] = _ => Check(StepStatus.Running, "load", handle);
        steps.Steps[StepHandlerTable.LoadStatus] = _ => Check(StepStatus.Running, "load", handle);

        var record = await RunAsync("ingest-file", steps, IngestInput());

        record.Status.Should().Be(ExecutionStatus.Failed);
        record.Error.Should().Be("HealthDw.StepFailed");
        record.Cause.Should().Contain("HealthDw.LoadCheckLimitExceeded").And.Contain(Key).And.Contain("240 checks");
        steps.CallsTo(StepHandlerTable.LoadStatus).Should().Be(240);
        record.Path.Should().ContainInOrder("Load Check Limit Reached", "Archive After Step Failure", "Notify Step Failure", "Step Failed");
    }

    [Fact]
    public async Task Publish_WhenTheDropNeverCompletesNorBecomesOverdue_ShouldGiveUpAfterTheBoundAndNameTheDrop()
    {
        var steps = new ScriptedSteps();

        var record = await RunAsync("publish-drop", steps, PublishInput());

        record.Status.Should().Be(ExecutionStatus.Failed);
        record.Error.Should().Be("HealthDw.StepFailed");
        record.Cause.Should().Contain("HealthDw.DropCheckLimitExceeded").And.Contain($"drop {DropId}").And.Contain("288 checks");
        steps.CallsTo(StepHandlerTable.DropStatus).Should().Be(289, "the first check, then one after each of the 288 waits");
    }

    [Fact]
    public async Task Ingest_WhenTheLateFileNoticeFails_ShouldSucceedAndSayInTheOutputThatTheNoticeFailed()
    {
        var steps = new ScriptedSteps();
        steps.Steps[StepHandlerTable.DropStatus] = _ => Drop(complete: true, overdue: false, lastPublishedAt: DateTimeOffset.UnixEpoch, lateFiles: "notify");
        steps.Steps[StepHandlerTable.Notify] = FailsWithoutCause("Lambda.Unknown");

        var record = await RunAsync("ingest-file", steps, IngestInput());

        record.Status.Should().Be(ExecutionStatus.Succeeded);
        record.Path[^1].Should().Be("Late File Loaded Without Notice");
        record.Output!["notification"].Should().NotBeNull("a failed notice must be visible in the execution's output");
        ((string?)record.Output["notification"]!["status"]).Should().Be("failed");
        ((string?)record.Output["notification"]!["error"]).Should().Be("Lambda.Unknown");
    }

    [Fact]
    public async Task Publish_WhenTheDigestFails_ShouldStayPublishedAndSayInTheOutputThatTheDigestFailed()
    {
        var steps = new ScriptedSteps();
        steps.Steps[StepHandlerTable.DropStatus] = _ => Drop(complete: true, overdue: false);
        steps.Steps[StepHandlerTable.Notify] = _ => throw new TaskFailedException("HealthDw.TransientError", "slack: 503");

        var record = await RunAsync("publish-drop", steps, PublishInput());

        record.Status.Should().Be(ExecutionStatus.Succeeded, "a published drop is not failed by its digest");
        record.Path[^1].Should().Be("Drop Published Without Digest");
        ((string?)record.Output!["notification"]?["status"]).Should().Be("failed");
        ((string?)record.Output["notification"]!["error"]).Should().Be("HealthDw.TransientError");
        steps.CallsTo(StepHandlerTable.Notify).Should().Be(6, "the notice is retried first");
    }

    [Fact]
    public async Task Ingest_WhenEverythingWorks_ShouldNotRecordANotificationFailure()
    {
        var steps = new ScriptedSteps();

        var record = await RunAsync("ingest-file", steps, IngestInput());

        record.Status.Should().Be(ExecutionStatus.Succeeded);
        record.Path[^1].Should().Be("Drop Still Arriving");
        record.Output!["notification"].Should().BeNull();
    }

    /// <summary>Validate File's real verdict on a file whose header has none of a 500-column contract's columns.</summary>
    private static async Task<FileVerdict> WideHeaderVerdictAsync()
    {
        using var folder = new TempFolder();
        var columns = Enumerable.Range(1, 500).Select(i => $"A_RATHER_LONG_AND_DESCRIPTIVE_COLUMN_NAME_{i:0000}").ToList();
        var contract = $"table: chart_code\nprimary_key: [{columns[0]}]\ncolumns:\n"
            + string.Concat(columns.Select((c, i) => $"  - {{ name: {c}, type: varchar(10), nullable: {(i == 0 ? "false" : "true")} }}\n"));
        var config = PipelineConfigLoader.Load([
            new ConfigFile("routes.yml", "file_pattern: '^{table}_(?<drop>\\d{8}T\\d{4})\\.csv$'\nroutes:\n  - table: chart_code\n"),
            new ConfigFile("contracts/chart_code.yml", contract)]);
        // One known column: a first line with none is one missing_header problem (it may be data), not 500.
        var text = $"{columns[0]},SOMETHING_ELSE\n1,x\n";
        folder.Write(Path.Combine("bucket", Key), text);
        var store = new FolderObjectStore(folder.Combine("bucket"));
        var head = await store.HeadAsync(Key, CancellationToken.None) ?? throw new FileNotFoundException(Key);
        var file = new RoutedFile("bucket", Key, head.Size, head.ETag, head.VersionId, "chart_code", new HealthDw.Core.Pipeline.DropId(DropId), null); // the version the event names
        // The version is there, so the ledger is never asked.
        return await new ValidateFileHandler(config, store, warehouse: null!).HandleAsync(file, CancellationToken.None);
    }

    [Fact]
    public async Task Validate_WhenAWideHeaderMissesEveryColumn_ShouldCountThemAllButListAFewWithShortHints()
    {
        var verdict = await WideHeaderVerdictAsync();

        verdict.Status.Should().Be(StepStatus.Rejected);
        verdict.ProblemCount.Should().Be(500, "every missing column is counted, and the one extra column");
        verdict.Problems.Should().HaveCount(ProblemDto.MaxListed);
        verdict.Problems.Should().OnlyContain(p => p.Hint!.Length <= ProblemDto.MaxHint && p.Hint.Contains("expected the 500 columns, beginning A_RATHER_LONG_AND_DESCRIPTIVE_COLUMN_NAME_0001,"));
        JsonSerializer.SerializeToUtf8Bytes(verdict, HealthDwJsonContext.Default.FileVerdict).Length.Should().BeLessThan(ProblemDto.MaxListedBytes + 1000);
    }

    [Fact]
    public void MaxListedBytes_ShouldLeaveRoomInTheStateForEverythingElse() =>
        ProblemDto.MaxListedBytes.Should().BeLessThan(256 * 1024 / 2, "the verdict is in the state once, and in Archive Rejected File's input once more");

    /// <summary>
    /// The verdict of a wide file travels through the state (Is File Valid?, Archive Rejected File's Parameters); over
    /// 256 KiB the service fails the execution with States.DataLimitExceeded, which no Catcher catches
    /// (Developer Guide, "Handling errors in Step Functions workflows"; "Step Functions service quotas").
    /// </summary>
    [Fact]
    public async Task Ingest_WhenAWideHeaderMissesEveryColumn_ShouldRejectTheFileNotExceedTheStatePayloadLimit()
    {
        var verdict = Json(await WideHeaderVerdictAsync(), HealthDwJsonContext.Default.FileVerdict);
        var steps = new ScriptedSteps();
        steps.Steps[StepHandlerTable.ValidateFile] = _ => verdict!.DeepClone();

        var record = await RunAsync("ingest-file", steps, IngestInput());

        record.Error.Should().NotBe("States.DataLimitExceeded", record.Cause);
        record.Error.Should().Be("HealthDw.FileRejected");
        record.Path.Should().ContainInOrder("Validate File", "Archive Rejected File", "Notify Rejection", "File Rejected");
    }
}
