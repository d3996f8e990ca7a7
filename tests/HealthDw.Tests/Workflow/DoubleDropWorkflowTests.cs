using System.Text.Json.Nodes;
using HealthDw.Cli.Local;
using HealthDw.Functions.Steps;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Tasks;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Workflow;

/// <summary>
/// Two executions of the same file version (two <c>healthdw drop</c> processes, or a duplicate S3 event): the file must load
/// once and be archived once, and the execution that comes second must yield (already loaded), with no error report, no
/// step_failed alert and no claim that the file stays in raw_files/. The interleavings are made deterministic by running the
/// other execution whole just before one step of this one.
/// </summary>
[Collection(PostgresCollection.Name)]
public class DoubleDropWorkflowTests(PostgresFixture postgres)
{
    private const string Key = "raw_files/chart_code_20261121T0200.csv";
    private const string Content = "CODEPK,CODE,CODE_TYPE,DESCRIPTION,UPDATE_AT\n1,E11.9,ICD10,x,2026-11-20 10:00:00\n2,99213,CPT,y,2026-11-20 10:00:00\n";

    /// <summary>Runs another ingest-file execution of the same object, to its end, just before the named step runs.</summary>
    private sealed class OtherExecutionBefore(ILambdaInvoker inner, string handler) : ILambdaInvoker
    {
        private int _done;

        public TestPipeline? Test { get; set; }

        public IngestOutcome? Other { get; private set; }

        public async Task<JsonNode?> InvokeAsync(string functionNameOrArn, JsonNode? payload, CancellationToken cancellationToken)
        {
            if (LocalBindings.HandlerOf(functionNameOrArn) == handler && Interlocked.Exchange(ref _done, 1) == 0)
                Other = await Test!.Runner.IngestAsync(Key, cancellationToken);
            return await inner.InvokeAsync(functionNameOrArn, payload, cancellationToken);
        }
    }

    [Theory]
    [InlineData("validate-file")]
    [InlineData("load-to-staging")]
    [InlineData("archive-file")]
    public async Task Ingest_WhenAnotherExecutionOfTheSameFileFinishesBeforeAStep_ShouldLoadOnceArchiveOnceAndYieldWithoutAlert(string step)
    {
        OtherExecutionBefore? other = null;
        await using var test = await TestPipeline.CreateAsync(postgres, decorate: inner => other = new OtherExecutionBefore(inner, step));
        other!.Test = test;
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", Content);

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        var first = other.Other ?? throw new InvalidOperationException("the other execution never ran");
        foreach (var outcome in new[] { first, run.Outcome })
        {
            outcome.ExecutionStatus.Should().Be(ExecutionStatus.Succeeded, $"{outcome.Execution}: {outcome.Error}: {outcome.Cause}");
            outcome.Archive.Should().NotBeNull();
            outcome.Archive!.Outcome.Should().Be(StepStatus.Processed);
            outcome.Archive.Summary.Should().NotContain("raw_files/chart_code_20261121T0200.csv archived to raw_files");
        }

        new[] { first.Status, run.Outcome.Status }.Should().BeEquivalentTo([StepStatus.Loaded, StepStatus.AlreadyLoaded],
            "one execution loads the file; the other finds it in the ledger and yields");
        (await test.LedgerRowsAsync()).Should().Be(1);
        (await test.StagingRowsAsync("chart_code")).Should().Be(2, "the file's two rows, once");
        test.BucketKeys("processed").Should().Equal("processed/20261121T0200/chart_code_20261121T0200.csv");
        test.BucketKeys("raw_files").Should().BeEmpty();
        test.BucketKeys("error_files").Should().BeEmpty("no file was refused, and no report is written for a file not beside it");
        Notifications(test).Should().NotContain(k => k == "step_failed" || k == "file_rejected");
    }

    /// <summary>A file refused at Validate File (its header names a column the contract does not have).</summary>
    private const string BadHeader = "CODEPK,CODE,CODE_TYPE,DESCRIPTION,UPDATE_AT,NOTE\n1,E11.9,ICD10,x,2026-11-20 10:00:00,n\n";

    /// <summary>A file that passes Validate File and is refused at Load To Staging (a duplicate primary key, checked in SQL).</summary>
    private const string DuplicateKey = "CODEPK,CODE,CODE_TYPE,DESCRIPTION,UPDATE_AT\n1,E11.9,ICD10,x,2026-11-20 10:00:00\n1,99213,CPT,y,2026-11-20 10:00:00\n";

    [Theory]
    [InlineData("validate-file", BadHeader)]
    [InlineData("archive-file", BadHeader)]
    [InlineData("validate-file", DuplicateKey)]
    [InlineData("load-to-staging", DuplicateKey)]
    [InlineData("archive-file", DuplicateKey)]
    public async Task Ingest_WhenAnotherExecutionRejectedTheSameFileBeforeAStep_ShouldReportOnceAndYieldWithoutAlert(string step, string content)
    {
        OtherExecutionBefore? other = null;
        await using var test = await TestPipeline.CreateAsync(postgres, decorate: inner => other = new OtherExecutionBefore(inner, step));
        other!.Test = test;
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", content);

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        var first = other.Other ?? throw new InvalidOperationException("the other execution never ran");
        first.Status.Should().Be(StepStatus.Rejected, $"{first.Error}: {first.Cause}");
        run.Outcome.Status.Should().Be(StepStatus.AlreadyRejected, $"{run.Outcome.Error}: {run.Outcome.Cause}");
        run.Outcome.ExecutionStatus.Should().Be(ExecutionStatus.Succeeded, "the second execution yields to the one that refused the file");
        test.BucketKeys("error_files").Should().Equal(
            "error_files/20261121T0200/chart_code_20261121T0200.csv", "error_files/20261121T0200/chart_code_20261121T0200.csv.error.json");
        test.BucketKeys("raw_files").Should().BeEmpty();
        (await test.ScalarAsync("select count(*) from audit.file_rejections")).Should().Be(1, "one refusal, recorded once");
        Notifications(test).Should().Equal(["file_rejected"], "one alert, from the execution that refused the file");
    }

    /// <summary>Two <c>healthdw drop</c> processes of one bad file, for real (see the good-file case below).</summary>
    [Theory]
    [InlineData(BadHeader)]
    [InlineData(DuplicateKey)]
    public async Task Drop_WhenTwoProcessesDropTheSameBadFileAtOnce_ShouldRejectOnceAndTheOtherYield(string content)
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        await using var second = await LocalPipeline.OpenAsync(test.Settings, CancellationToken.None, secrets: new TestPipeline.NoSecrets());
        var secondRunner = new DropRunner(second, LocalWorkflow.Create(second, test.Settings));
        const int rounds = 8;
        for (var round = 0; round < rounds; round++)
        {
            var name = $"chart_code_20261121T{round:00}00.csv";
            var file = test.Folder.Write($"in{round}/{name}", content);
            var both = await Task.WhenAll(
                Task.Run(() => test.Runner.DropAsync(file, null, CancellationToken.None)),
                Task.Run(() => secondRunner.DropAsync(file, null, CancellationToken.None)));

            var statuses = both.Select(r => r.Outcome.Status).ToList();
            statuses.Should().Contain(StepStatus.Rejected, $"round {round}: {string.Join("; ", both.Select(r => $"{r.Outcome.Error}: {r.Outcome.Cause}"))}")
                .And.OnlyContain(s => s == StepStatus.Rejected || s == StepStatus.AlreadyRejected);
        }

        (await test.ScalarAsync("select count(*) from audit.file_rejections")).Should().BeLessThanOrEqualTo(2 * rounds);
        test.BucketKeys("error_files").Should().HaveCount(2 * rounds, "each file once, with its one report");
        test.BucketKeys("raw_files").Should().BeEmpty();
        Notifications(test).Should().NotContain("step_failed");
    }

    [Fact]
    public async Task Archive_WhenAnotherExecutionMovedTheLoadedVersionBetweenItsLookAndItsMove_ShouldYieldNotFail()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", Content);
        var first = (await test.Runner.DropAsync(file, null, CancellationToken.None)).Outcome;
        first.Status.Should().Be(StepStatus.Loaded);
        // The archived copy has another ETag, as a copy gets under SSE-KMS (S3 API Reference, "Common Response Headers": ETag),
        // so the second archive cannot tell it is the same content and tries to move its version, which is gone.
        var archived = test.BucketFile("processed/20261121T0200/chart_code_20261121T0200.csv");
        File.AppendAllText(archived, "\n");
        var archive = new ArchiveFileHandler(test.Pipeline.Store, test.Pipeline.Warehouse, test.Pipeline.Clock);

        var result = await archive.HandleAsync(new ArchiveRequest(first.Route!.File, first.Verdict! with { Status = StepStatus.AlreadyLoaded }),
            CancellationToken.None);

        result.Outcome.Should().Be(StepStatus.Processed);
        result.Summary.Should().Contain("by another execution");
        test.BucketKeys("processed").Should().Equal("processed/20261121T0200/chart_code_20261121T0200.csv");
        test.BucketKeys("error_files").Should().BeEmpty();
    }

    [Fact]
    public async Task Archive_WhenAnotherExecutionMovedTheManifestFirst_ShouldYieldNotFail()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        const string manifestKey = "raw_files/_manifest_20261121T0200.json";
        var version = await test.Pipeline.Store.PutVersionAsync(manifestKey, new MemoryStream("{\"files\": []}"u8.ToArray()), CancellationToken.None);
        await test.Pipeline.Store.MoveAsync(version, "processed/20261121T0200/other/_manifest_20261121T0200.json", CancellationToken.None);
        var archive = new ArchiveFileHandler(test.Pipeline.Store, test.Pipeline.Warehouse, test.Pipeline.Clock);
        var manifest = new FileRef(version.Bucket, version.Key, version.Size, version.ETag, version.VersionId, null, "20261121T0200", null);

        var result = await archive.HandleAsync(new ArchiveRequest(manifest, null), CancellationToken.None);

        result.Outcome.Should().Be(StepStatus.Processed);
        result.Summary.Should().Contain("by another execution");
    }

    [Fact]
    public async Task Archive_WhenALoadedVersionWasOverwrittenNotMoved_ShouldStillFailAsGone()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", Content);
        var first = (await test.Runner.DropAsync(file, null, CancellationToken.None)).Outcome;
        await test.Pipeline.Store.PutAsync(Key, new MemoryStream("CODEPK\n"u8.ToArray()), CancellationToken.None);
        File.AppendAllText(test.BucketFile("processed/20261121T0200/chart_code_20261121T0200.csv"), "\n");
        var archive = new ArchiveFileHandler(test.Pipeline.Store, test.Pipeline.Warehouse, test.Pipeline.Clock);

        var act = () => archive.HandleAsync(new ArchiveRequest(first.Route!.File, first.Verdict), CancellationToken.None);

        await act.Should().ThrowAsync<HealthDw.Core.Ports.ObjectVersionGoneException>("other content under the key means overwritten, not archived");
    }

    /// <summary>Two <c>healthdw drop</c> processes of one file, for real: two pipelines on one bucket folder and one database,
    /// started together, several times (a new drop each round). Whatever the interleaving, the outcome is the same.</summary>
    [Fact]
    public async Task Drop_WhenTwoProcessesDropTheSameFileAtOnce_ShouldLoadOnceAndNeitherFailNorAlert()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        await using var second = await LocalPipeline.OpenAsync(test.Settings, CancellationToken.None, secrets: new TestPipeline.NoSecrets());
        var secondRunner = new DropRunner(second, LocalWorkflow.Create(second, test.Settings));
        const int rounds = 12;
        for (var round = 0; round < rounds; round++)
        {
            var name = $"chart_code_20261121T{round:00}00.csv";
            var file = test.Folder.Write($"in{round}/{name}", Content);
            var both = await Task.WhenAll(
                Task.Run(() => test.Runner.DropAsync(file, null, CancellationToken.None)),
                Task.Run(() => secondRunner.DropAsync(file, null, CancellationToken.None)));

            foreach (var run in both)
                run.Outcome.ExecutionStatus.Should().Be(ExecutionStatus.Succeeded, $"round {round}: {run.Outcome.Error}: {run.Outcome.Cause}");
            both.Select(r => r.Outcome.Status).Should().Contain(StepStatus.Loaded).And.OnlyContain(s => s == StepStatus.Loaded || s == StepStatus.AlreadyLoaded);
        }

        (await test.LedgerRowsAsync()).Should().Be(rounds);
        (await test.StagingRowsAsync("chart_code")).Should().Be(2 * rounds);
        test.BucketKeys("processed").Should().HaveCount(rounds);
        test.BucketKeys("raw_files").Should().BeEmpty();
        test.BucketKeys("error_files").Should().BeEmpty();
        Notifications(test).Should().NotContain(k => k == "step_failed" || k == "file_rejected");
    }

    /// <summary>The kinds of notification the outbox holds.</summary>
    private static IReadOnlyList<string> Notifications(TestPipeline test)
    {
        var outbox = test.Pipeline.Outbox.File;
        return File.Exists(outbox)
            ? File.ReadAllLines(outbox).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!["kind"]?.GetValue<string>() ?? "?").ToList()
            : [];
    }
}
