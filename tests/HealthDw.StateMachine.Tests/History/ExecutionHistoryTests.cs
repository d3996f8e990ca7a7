using System.Text.Json.Nodes;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Tests.Support;

namespace HealthDw.StateMachine.Tests.History;

public class ExecutionHistoryTests
{
    private const string RetryingTask = """
        {
          "StartAt": "Load",
          "States": {
            "Load": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": { "FunctionName": "Load", "Payload.$": "$" },
              "Retry": [ { "ErrorEquals": [ "HealthDw.TransientError" ], "IntervalSeconds": 2 } ],
              "ResultSelector": { "rows.$": "$.Payload.rows" },
              "Next": "Done"
            },
            "Done": { "Type": "Succeed" }
          }
        }
        """;

    [Fact]
    public async Task StartExecution_WhenTaskIsRetried_ShouldRecordEventsInOrderWithLinksAndTimes()
    {
        var (runner, _, _) = RunnerFactory.Create(new Dictionary<string, IReadOnlyList<JsonObject>>
        {
            ["Load"] = [RunnerFactory.Step("""{"error": "HealthDw.TransientError", "cause": "busy"}"""), RunnerFactory.Step("""{"result": {"rows": 5}}""")],
        });
        runner.Register(AslDefinition.Parse(RetryingTask, "ingest"));

        var record = await runner.StartExecutionAsync("ingest", "run-1", JsonNode.Parse("""{"key": "a.csv"}"""));

        record.Status.Should().Be(ExecutionStatus.Succeeded);
        record.Events.Select(e => e.Type).Should().Equal(
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "RetryScheduled",
            "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded");
        record.Events.Select(e => e.Id).Should().Equal(Enumerable.Range(1, record.Events.Count).Select(i => (long)i));
        record.Events.Skip(1).Should().OnlyContain(e => e.PreviousEventId == e.Id - 1);
        var retry = record.Events.Single(e => e.Type == HistoryEventTypes.RetryScheduled);
        retry.Details["attempt"]!.GetValue<int>().Should().Be(1);
        retry.Details["delaySeconds"]!.GetValue<double>().Should().Be(2);
        retry.Details["error"]!.GetValue<string>().Should().Be("HealthDw.TransientError");
        record.Events.Single(e => e.Type == "TaskStateEntered").Details["input"]!.GetValue<string>().Should().Be("""{"key":"a.csv"}""");
        record.Events.Last().Timestamp.Should().Be(new DateTimeOffset(2024, 1, 1, 0, 0, 2, TimeSpan.Zero));
        record.Events.Where(e => e.Type == "TaskScheduled").Select(e => e.Details["resource"]!.GetValue<string>()).Should().AllBe("invoke");
        record.Output!.ToJsonString().Should().Be("""{"rows":5}""");
        record.Path.Should().Equal("Load", "Done");
    }

    [Fact]
    public async Task StartExecution_WhenExecutionFails_ShouldRecordErrorAndSaveFinalRecord()
    {
        var (runner, _, _) = RunnerFactory.Create();
        runner.Register(AslDefinition.Parse("""{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Drop.Rejected", "Cause": "bad header"}}}""", "reject"));

        var record = await runner.StartExecutionAsync("reject", "r1", new JsonObject());

        record.Status.Should().Be(ExecutionStatus.Failed);
        var stored = await runner.Store.GetAsync("r1");
        stored!.Status.Should().Be(ExecutionStatus.Failed);
        stored.Error.Should().Be("Drop.Rejected");
        stored.Events.Last().Details["cause"]!.GetValue<string>().Should().Be("bad header");
    }

    [Fact]
    public async Task StartExecution_WhenCancelled_ShouldBeAborted()
    {
        var (runner, _, _) = RunnerFactory.Create();
        runner.Register(AslDefinition.Parse("""{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""", "quick"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var record = await runner.StartExecutionAsync("quick", "a1", new JsonObject(), cancelled.Token);

        record.Status.Should().Be(ExecutionStatus.Aborted);
        record.Events.Select(e => e.Type).Should().Equal("ExecutionStarted", "ExecutionAborted");
    }

    [Fact]
    public async Task StartExecution_WhenNameIsTaken_ShouldThrowExecutionAlreadyExists()
    {
        var (runner, _, _) = RunnerFactory.Create();
        runner.Register(AslDefinition.Parse("""{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""", "quick"));
        await runner.StartExecutionAsync("quick", "same", new JsonObject());

        var again = () => runner.StartExecutionAsync("quick", "same", new JsonObject());

        (await again.Should().ThrowAsync<ExecutionAlreadyExistsException>())
            .Which.ExecutionArn.Should().Be("arn:aws:states:local:000000000000:execution:quick:same");
    }

    [Fact]
    public async Task StartExecution_WhenStateMachineIsUnknown_ShouldThrow()
    {
        var (runner, _, _) = RunnerFactory.Create();

        var act = () => runner.StartExecutionAsync("missing", null, null);

        await act.Should().ThrowAsync<StateMachineDoesNotExistException>();
    }

    [Fact]
    public async Task Retry_WhenJitterIsFull_ShouldDrawEachDelayFromTheSeededRandomSource()
    {
        const int seed = 42;
        var (runner, _, _) = RunnerFactory.Create(new Dictionary<string, IReadOnlyList<JsonObject>>
        {
            ["Work"] = [RunnerFactory.Step("""{"error": "E"}""")],
        }, seed: seed);
        runner.Register(AslDefinition.Parse("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Work",
              "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 10, "MaxAttempts": 3, "BackoffRate": 2, "JitterStrategy": "FULL"}], "End": true}}}
            """, "jitter"));

        var record = await runner.StartExecutionAsync("jitter", "j1", new JsonObject());

        var random = new Random(seed);
        var expected = new[] { 10.0, 20.0, 40.0 }.Select(d => Math.Round(d * random.NextDouble(), 3, MidpointRounding.AwayFromZero)).ToList();
        record.Events.Where(e => e.Type == HistoryEventTypes.RetryScheduled).Select(e => e.Details["delaySeconds"]!.GetValue<double>())
            .Should().Equal(expected);
        (record.StopDate!.Value - record.StartDate).TotalSeconds.Should().BeApproximately(expected.Sum(), 0.001);
    }

    /// <summary>API Reference, "GetExecutionHistory" / "HistoryEvent": ids from 1 without gaps, previousEventId, timestamp in
    /// epoch seconds, the details under the type's *EventDetails member; the interpreter's own RetryScheduled is no service event.</summary>
    [Fact]
    public async Task ExecutionHistoryJson_WhenATaskWasRetried_ShouldGiveTheServicesEventsRenumberedAndLinked()
    {
        var (runner, _, _) = RunnerFactory.Create(new Dictionary<string, IReadOnlyList<JsonObject>>
        {
            ["Load"] = [RunnerFactory.Step("""{"error": "HealthDw.TransientError", "cause": "busy"}"""), RunnerFactory.Step("""{"result": {"rows": 5}}""")],
        });
        runner.Register(AslDefinition.Parse(RetryingTask, "ingest"));
        var record = await runner.StartExecutionAsync("ingest", "run-1", JsonNode.Parse("""{"key": "a.csv"}"""));

        var events = ExecutionHistoryJson.Write(record)["events"]!.AsArray().Select(e => e!.AsObject()).ToList();

        events.Select(e => (string?)e["type"]).Should().Equal(
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed",
            "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded");
        events.Select(e => (long)e["id"]!).Should().Equal(Enumerable.Range(1, events.Count).Select(i => (long)i));
        events.Should().OnlyContain(e => (long)e["previousEventId"]! < (long)e["id"]!);
        ((long)events[5]["previousEventId"]!).Should().Be(5, "the retry's TaskScheduled follows the TaskFailed once RetryScheduled is left out");
        ((decimal)events[0]["timestamp"]!).Should().Be(Math.Round(record.StartDate.ToUnixTimeMilliseconds() / 1000m, 3));
        ((string?)events[1]["stateEnteredEventDetails"]!["name"]).Should().Be("Load");
        ((string?)events[1]["stateEnteredEventDetails"]!["input"]).Should().Be("""{"key":"a.csv"}""");
        ((bool?)events[1]["stateEnteredEventDetails"]!["inputDetails"]!["truncated"]).Should().BeFalse();
        ((string?)events[4]["taskFailedEventDetails"]!["error"]).Should().Be("HealthDw.TransientError");
        events[0]["executionStartedEventDetails"]!["input"].Should().NotBeNull();
        events[^1]["executionSucceededEventDetails"]!["output"].Should().NotBeNull();
    }
}
