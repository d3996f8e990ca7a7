using System.Text.Json.Nodes;
using HealthDw.Cli.Local;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Tasks;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Workflow;

/// <summary>
/// Issue 11, item 2: a file that comes after a publish-drop of its drop began is published by a later one, once. The drop's
/// publishes are named from the warehouse's record of the attempts (audit.publish_attempts): a blocked or failed publish
/// leaves the next file a fresh <c>drop-&lt;id&gt;-r&lt;n&gt;</c>, files that finish together name the same execution, and a
/// publish started while another builds waits for it. The interleavings are made deterministic by running the other file's
/// ingest whole just before one step of this execution.
/// </summary>
[Collection(PostgresCollection.Name)]
public class LateFileWorkflowTests(PostgresFixture postgres)
{
    private const string First = $"drop-{Drops.DropId}";
    private const string Second = $"drop-{Drops.DropId}-r2";

    /// <summary>Runs <see cref="Before"/> once, just before the first call of a handler (and publish-drop phase) it matches,
    /// and fails a matching call when told to.</summary>
    private sealed class Interleave(ILambdaInvoker inner) : ILambdaInvoker
    {
        private int _armed;
        private int _secondChecks;

        public string Handler { get; set; } = "";

        public string? Phase { get; set; }

        public Func<Task>? Before { get; set; }

        public bool Fail { get; set; }

        /// <summary>Holds every Check Drop of <see cref="Second"/> after its first until <see cref="FirstEnded"/> is set.</summary>
        public bool HoldSecond { get; set; }

        public TaskCompletionSource FirstEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Arm() => Interlocked.Exchange(ref _armed, 1);

        public async Task<JsonNode?> InvokeAsync(string functionNameOrArn, JsonNode? payload, CancellationToken cancellationToken)
        {
            var handler = LocalBindings.HandlerOf(functionNameOrArn);
            var execution = payload?["executionId"]?.GetValue<string>() ?? "";
            if (HoldSecond && handler == "drop-status" && execution.EndsWith(":" + Second, StringComparison.Ordinal)
                && Interlocked.Increment(ref _secondChecks) > 1)
                await FirstEnded.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            if (handler == Handler && (Phase is null || payload?["phase"]?.GetValue<string>() == Phase) && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                if (Fail)
                    throw new TaskFailedException("HealthDw.StepFailed", "injected: the warehouse went away");
                await Before!();
            }
            try
            {
                return await inner.InvokeAsync(functionNameOrArn, payload, cancellationToken);
            }
            finally
            {
                if (handler == "publish-drop" && payload?["phase"]?.GetValue<string>() == "publish-or-discard" && execution.EndsWith(":" + First, StringComparison.Ordinal))
                    FirstEnded.TrySetResult();
            }
        }
    }

    private static async Task DropAllAsync(TestPipeline test, params string[] paths)
    {
        foreach (var file in test.Runner.Expand(paths))
            await test.Runner.DropAsync(file, null, CancellationToken.None);
        await test.Workflow.Runner.WaitForAllAsync();
    }

    private static async Task<IReadOnlyList<ExecutionRecord>> PublishesAsync(TestPipeline test) =>
        (await test.Workflow.Store.ListAsync()).Where(r => r.StateMachineName == LocalWorkflow.PublishDrop).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();

    /// <summary>The drop with one provider given another's NPI: it loads, and the duplicate_count(provider_npi) check blocks
    /// its publish. Returns the provider file's path and its right content.</summary>
    private static (string Path, string[] Right) WriteDropWithADuplicateNpi(TestPipeline test)
    {
        var drop = Drops.Write(test.Folder.Combine("drop"));
        var path = test.Folder.Combine("drop", drop.Files.Single(f => f.Table == "chart_provider").Name);
        var right = File.ReadAllLines(path);
        var wrong = (string[])right.Clone();
        var cells = wrong[2].Split(',');
        cells[2] = right[1].Split(',')[2];
        wrong[2] = string.Join(',', cells);
        File.WriteAllLines(path, wrong);
        return (path, right);
    }

    private static string ChangedLocationFile(TestPipeline test, string folder)
    {
        var location = Directory.GetFiles(test.Folder.Combine("drop"), "register_location_*").Single();
        var path = test.Folder.Write($"{folder}/{Path.GetFileName(location)}", string.Join('\n', File.ReadAllLines(location).Take(2)) + "\n");
        return path;
    }

    [Fact]
    public async Task Drop_WhenAPublishWasBlockedAndACorrectedFileComes_ShouldPublishItUnderANewNameOnce()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var (provider, right) = WriteDropWithADuplicateNpi(test);
        await DropAllAsync(test, test.Folder.Combine("drop"));
        (await PublishesAsync(test)).Select(r => (r.Name, r.Status, r.Error)).Should().Equal((First, ExecutionStatus.Failed, "HealthDw.DropBlocked"));

        File.WriteAllLines(provider, right);
        await DropAllAsync(test, provider);

        var publishes = await PublishesAsync(test);
        publishes.Select(r => (r.Name, r.Status)).Should().Equal([(First, ExecutionStatus.Failed), (Second, ExecutionStatus.Succeeded)],
            "the corrected file is published by a publish-drop of its own, once");
        (await test.ScalarAsync("select count(*) - count(distinct provider_npi) from analytics.dim_provider")).Should().Be(0);
        (await test.ScalarAsync("select count(*) from audit.drop_publications where published")).Should().Be(1);
    }

    [Fact]
    public async Task Drop_WhenAPublishFailedAndANewFileComes_ShouldPublishTheDropUnderANewName()
    {
        Interleave? interleave = null;
        await using var test = await TestPipeline.CreateAsync(postgres, decorate: inner => interleave = new Interleave(inner));
        Drops.Write(test.Folder.Combine("drop"));
        (interleave!.Handler, interleave.Phase, interleave.Fail) = ("publish-drop", "reconcile", true);
        interleave.Arm();
        await DropAllAsync(test, test.Folder.Combine("drop"));
        (await PublishesAsync(test)).Select(r => (r.Name, r.Status, r.Error)).Should().Equal((First, ExecutionStatus.Failed, "HealthDw.StepFailed"));

        await DropAllAsync(test, ChangedLocationFile(test, "late"));

        (await PublishesAsync(test)).Select(r => (r.Name, r.Status)).Should().Equal([(First, ExecutionStatus.Failed), (Second, ExecutionStatus.Succeeded)],
            "a failed publish does not keep the drop's next file out of analytics");
        (await test.ScalarAsync("select count(*) from audit.drop_publications where published")).Should().Be(1);
    }

    [Fact]
    public async Task Drop_WhenTwoCorrectedFilesFinishTogetherAfterABlockedPublish_ShouldPublishOnce()
    {
        Interleave? interleave = null;
        await using var test = await TestPipeline.CreateAsync(postgres, decorate: inner => interleave = new Interleave(inner));
        var (provider, right) = WriteDropWithADuplicateNpi(test);
        await DropAllAsync(test, test.Folder.Combine("drop"));
        File.WriteAllLines(provider, right);
        var location = ChangedLocationFile(test, "late");
        // The location file's ingest runs whole (loaded, drop complete, its publish started) just before the provider
        // file's ingest asks whether the drop is complete: both see the same record and name the same execution.
        (interleave!.Handler, interleave.Phase) = ("drop-status", null);
        interleave.Before = () => test.Runner.DropAsync(location, null, CancellationToken.None);
        interleave.Arm();

        await DropAllAsync(test, provider);

        (await PublishesAsync(test)).Select(r => (r.Name, r.Status)).Should().Equal([(First, ExecutionStatus.Failed), (Second, ExecutionStatus.Succeeded)],
            "two files that finish together start one publish");
        (await test.ScalarAsync("select count(*) from audit.drop_publications")).Should().Be(2, "one blocked, one published");
        (await test.ScalarAsync("select count(*) - count(distinct provider_npi) from analytics.dim_provider")).Should().Be(0);
    }

    [Fact]
    public async Task Drop_WhenAFileIsLoadedWhilePublishDropRuns_ShouldPublishItByALaterExecutionThatWaitsForTheFirst()
    {
        Interleave? interleave = null;
        await using var test = await TestPipeline.CreateAsync(postgres, decorate: inner => interleave = new Interleave(inner));
        Drops.Write(test.Folder.Combine("drop"));
        var location = ChangedLocationFile(test, "late");
        // The file is loaded after the first publish's build began and before its decision; the later execution's first
        // Check Drop finds the first still building, and its next one is held until the first has decided.
        (interleave!.Handler, interleave.Phase, interleave.HoldSecond) = ("publish-drop", "reconcile", true);
        interleave.Before = () => test.Runner.DropAsync(location, null, CancellationToken.None);
        interleave.Arm();

        await DropAllAsync(test, test.Folder.Combine("drop"));

        var publishes = await PublishesAsync(test);
        publishes.Select(r => (r.Name, r.Status)).Should().Equal([(First, ExecutionStatus.Succeeded), (Second, ExecutionStatus.Succeeded)],
            "the file loaded during the first publish is published by the second, once");
        publishes[0].Output!["publish"]!["result"]!["loadedDuringPublish"]!.GetValue<int>().Should().Be(1,
            "the first publish's digest counts the file it may not hold");
        publishes[1].Path.Should().Contain("Wait For Files", "two builds of one drop never run at once");
        (await test.ScalarAsync("select count(*) from audit.drop_publications where published")).Should().Be(2);
        (await test.ScalarAsync($"""
            select count(*) from audit.load_ledger l where l.object_key like '%register_location%' and l.loaded_at >=
              (select min(recorded_at) from audit.publish_attempts where execution_name = '{First}' and kind = 'building')
              and l.loaded_at < (select min(recorded_at) from audit.publish_attempts where execution_name = '{Second}' and kind = 'building')
            """)).Should().Be(1, "the file was loaded while the first built, and before the second began");
    }
}
