using HealthDw.Cli.Local;
using HealthDw.Core.Pipeline;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Tasks;
using HealthDw.Tests.Support;
using System.Text.Json.Nodes;
using HealthDw.Functions.Steps;

namespace HealthDw.Tests.Workflow;

/// <summary>The real statemachine/*.asl.json run by the interpreter against the real handlers and PostgreSQL.</summary>
[Collection(PostgresSecondCollection.Name)]
public class IngestWorkflowTests(PostgresFixture postgres)
{
    /// <summary>Fails the first <paramref name="failures"/> calls of one handler with a transient error, like a dropped connection.</summary>
    private sealed class FlakyInvoker(ILambdaInvoker inner, string handler, int failures) : ILambdaInvoker
    {
        private int _calls;

        public int Calls => _calls;

        public Task<JsonNode?> InvokeAsync(string functionNameOrArn, JsonNode? payload, CancellationToken cancellationToken)
        {
            if (LocalBindings.HandlerOf(functionNameOrArn) == handler && Interlocked.Increment(ref _calls) <= failures)
                throw new TaskFailedException("HealthDw.TransientError", "NpgsqlException: Exception while reading from stream");
            return inner.InvokeAsync(functionNameOrArn, payload, cancellationToken);
        }
    }

    private static string CodeFile(TempFolder folder) =>
        folder.Write("in/chart_code_20261121T0200.csv", "CODEPK,CODE,CODE_TYPE,DESCRIPTION,UPDATE_AT\n1,E11.9,ICD10,x,2026-11-20 10:00:00\n2,99213,CPT,y,2026-11-20 10:00:00\n");

    [Fact]
    public async Task Ingest_WhenLoadFailsTransientlyTwice_ShouldRetryPerTheDefinitionAndLoadOnce()
    {
        FlakyInvoker? flaky = null;
        await using var test = await TestPipeline.CreateAsync(postgres, decorate: inner => flaky = new FlakyInvoker(inner, "load-to-staging", 2));

        var run = await test.Runner.DropAsync(CodeFile(test.Folder), null, CancellationToken.None);

        run.Outcome.ExecutionStatus.Should().Be(ExecutionStatus.Succeeded);
        run.Outcome.Status.Should().Be(StepStatus.Loaded);
        flaky!.Calls.Should().Be(3);
        (await test.StagingRowsAsync("chart_code")).Should().Be(2);
        (await test.LedgerRowsAsync()).Should().Be(1);
        var record = (await test.Workflow.Store.GetAsync(run.Outcome.Execution))!;
        record.Events.Count(e => e.Type == HistoryEventTypes.RetryScheduled).Should().Be(2);
        record.Path.Should().ContainInOrder("Route File", "Validate File", "Load To Staging", "Archive File", "Is Drop Complete?");
    }

    [Fact]
    public async Task Ingest_WhenLoadKeepsFailing_ShouldExhaustRetriesThenArchiveToErrorFilesAndFailWithTheOriginalError()
    {
        await using var test = await TestPipeline.CreateAsync(postgres, decorate: inner => new FlakyInvoker(inner, "load-to-staging", int.MaxValue));

        var run = await test.Runner.DropAsync(CodeFile(test.Folder), null, CancellationToken.None);

        run.Outcome.ExecutionStatus.Should().Be(ExecutionStatus.Failed);
        run.Outcome.Error.Should().Be("HealthDw.StepFailed", "the file is not bad: a step failed, and that is what the execution must say");
        run.Outcome.Cause.Should().Contain("HealthDw.TransientError").And.Contain("NpgsqlException: Exception while reading from stream");
        test.BucketKeys("error_files").Should().Contain("error_files/20261121T0200/chart_code_20261121T0200.csv");
        (await test.StagingRowsAsync("chart_code")).Should().Be(0);
        var record = (await test.Workflow.Store.GetAsync(run.Outcome.Execution))!;
        record.Events.Count(e => e.Type == HistoryEventTypes.RetryScheduled).Should().Be(5, "MaxAttempts is the number of retries after the first try");
        record.Path.Should().ContainInOrder("Load To Staging", "Archive After Step Failure", "Notify Step Failure", "Step Failed");
        record.Path.Should().NotContain("File Rejected");
        File.ReadAllText(Path.Combine(test.Settings.Home, "outbox", "notifications.jsonl")).Should().Contain("step_failed");
    }

    [Fact]
    public async Task Ingest_WhenFileIsBad_ShouldFailWithTheFileAndRuleInTheCause()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", "CODEPK,CODE,CODE_TYPE,DESCRIPTION,UPDATE_AT\n1,E11.9,ICD10,x,soon\n");

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        run.Outcome.Error.Should().Be("HealthDw.FileRejected");
        run.Outcome.Cause.Should().Be("raw_files/chart_code_20261121T0200.csv rejected at validate: line 2, column 5 (UPDATE_AT): "
            + "the value is not a timestamp as yyyy-MM-dd HH:mm:ss [type]; report error_files/20261121T0200/chart_code_20261121T0200.csv.error.json");
    }

    [Fact]
    public async Task Ingest_WhenTwoLastFilesFinishTogether_ShouldStartExactlyOnePublish()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        var files = test.Runner.Expand([test.Folder.Combine("drop")]);
        foreach (var file in files.SkipLast(2)) await test.Runner.DropAsync(file, null, CancellationToken.None);
        var last = files.TakeLast(2).ToList();
        foreach (var file in last)
            await test.Pipeline.Store.PutAsync(BucketLayout.Raw + Path.GetFileName(file), File.OpenRead(file), CancellationToken.None);

        var outcomes = await Task.WhenAll(last.Select(f => Task.Run(() => test.Runner.IngestAsync(BucketLayout.Raw + Path.GetFileName(f), CancellationToken.None))));
        await test.Workflow.Runner.WaitForAllAsync();

        outcomes.Should().OnlyContain(o => o.ExecutionStatus == ExecutionStatus.Succeeded);
        var publishes = (await test.Workflow.Store.ListAsync()).Where(r => r.StateMachineName == LocalWorkflow.PublishDrop).ToList();
        publishes.Should().ContainSingle().Which.Name.Should().Be($"drop-{drop.DropId}");
        publishes[0].Status.Should().Be(ExecutionStatus.Succeeded, publishes[0].Cause);
        (await test.ScalarAsync("select count(*) from audit.drop_publications where published")).Should().Be(1);
    }

    [Fact]
    public async Task Drop_WhenTheSameDropIsDroppedTwice_ShouldPublishItOnce()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        Drops.Write(test.Folder.Combine("drop"));

        var first = await test.CliAsync("drop", test.Folder.Combine("drop"));
        var second = await test.CliAsync("drop", test.Folder.Combine("drop"));

        first.Exit.Should().Be(0, first.Output);
        second.Exit.Should().Be(0, second.Output);
        first.Output.Should().Contain("drop-20261121T0200: published");
        (await test.ScalarAsync("select count(*) from audit.drop_publications")).Should().Be(1);
        var outbox = File.ReadAllLines(Path.Combine(test.Settings.Home, "outbox", "notifications.jsonl"));
        outbox.Should().ContainSingle(l => l.Contains("\"drop_published\"", StringComparison.Ordinal), "one digest per drop");
    }

    /// <summary>Answers the first Load To Staging the way Snowflake answers a long COPY ("running", with a handle);
    /// Check Load then runs the real load, as resuming the COPY would.</summary>
    private sealed class LongCopyInvoker(ILambdaInvoker inner) : ILambdaInvoker
    {
        public int Checks { get; private set; }

        public Task<JsonNode?> InvokeAsync(string functionNameOrArn, JsonNode? payload, CancellationToken cancellationToken)
        {
            switch (LocalBindings.HandlerOf(functionNameOrArn))
            {
                case "load-to-staging":
                    return Task.FromResult<JsonNode?>(JsonNode.Parse("""
                        {"status": "running", "stage": "load", "loadId": "00000000-0000-0000-0000-000000000000", "rows": 0, "bytes": 0,
                         "durationMs": 0, "problemCount": 0, "problems": [], "deferredReferences": [],
                         "handle": {"loadId": "00000000-0000-0000-0000-000000000000", "statementHandle": "01b2-copy", "startedAt": "2026-11-21T02:00:00+00:00"}}
                        """));
                case "load-status" when ++Checks < 3:
                {
                    var handle = payload!["handle"]!.ToJsonString();
                    return Task.FromResult<JsonNode?>(JsonNode.Parse("""
                        {"status": "running", "stage": "load", "rows": 0, "bytes": 0, "durationMs": 0, "problemCount": 0, "problems": [],
                         "deferredReferences": [], "handle":
                        """ + handle + "}"));
                }
                case "load-status":
                    return inner.InvokeAsync(functionNameOrArn.Replace("load-status", "load-to-staging", StringComparison.Ordinal), payload!["file"], cancellationToken);
                default:
                    return inner.InvokeAsync(functionNameOrArn, payload, cancellationToken);
            }
        }
    }

    [Fact]
    public async Task Ingest_WhenTheWarehouseLoadRunsLong_ShouldWaitAndCheckUntilItIsDone()
    {
        LongCopyInvoker? invoker = null;
        await using var test = await TestPipeline.CreateAsync(postgres, decorate: inner => invoker = new LongCopyInvoker(inner));

        var run = await test.Runner.DropAsync(CodeFile(test.Folder), null, CancellationToken.None);

        run.Outcome.ExecutionStatus.Should().Be(ExecutionStatus.Succeeded, run.Outcome.Cause);
        invoker!.Checks.Should().Be(3);
        (await test.StagingRowsAsync("chart_code")).Should().Be(2);
        var record = (await test.Workflow.Store.GetAsync(run.Outcome.Execution))!;
        record.Path.Count(s => s == "Wait For Load").Should().Be(3);
        record.Path.Should().ContainInOrder("Load To Staging", "Is File Loaded?", "Wait For Load", "Check Load", "Is File Loaded?", "Archive File");
    }
}
