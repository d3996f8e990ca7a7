using HealthDw.Cli.Local;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Storage;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

/// <summary>
/// Issue 11, item 5, on DuckDB (the default warehouse): <c>healthdw drop</c> killed before each state of ingest-file and of
/// publish-drop, then run again. The drop ends published once (one publish decision in audit.drop_publications), no
/// execution is left RUNNING, the killed one is ABORTED with a history that says why, and no build schema is left.
/// </summary>
public sealed class InterruptedRunTests(InterruptedRunTests.SharedDrop drop) : IClassFixture<InterruptedRunTests.SharedDrop>, IDisposable
{
    /// <summary>One small generated drop for every test of the class.</summary>
    public sealed class SharedDrop : IDisposable
    {
        private readonly TempFolder _folder = new("healthdw-killed-drop");

        public SharedDrop()
        {
            Folder = _folder.Combine("drop");
            Drops.Write(Folder);
        }

        public string Folder { get; }

        public void Dispose() => _folder.Dispose();
    }

    private readonly TempFolder _folder = new("healthdw-killed");

    private LocalSettings Settings => LocalSettings.WithWarehouse(
        new LocalSettings(_folder.Combine(".healthdw"), TestConfig.SmallDrops, _folder.Combine(".healthdw", "bucket"), null), LocalSettings.DuckDbChoice);

    [Theory]
    [InlineData("Route File")]
    [InlineData("Validate File")]
    [InlineData("Load To Staging")]
    [InlineData("Archive File")]
    [InlineData("Build Models")]
    [InlineData("Check Models")]
    [InlineData("Run Checks")]
    [InlineData("Reconcile")]
    [InlineData("Publish or Discard")]
    public async Task Drop_WhenTheProcessWasKilledBeforeAState_ShouldPublishTheDropOnceAndLeaveNothingRunning(string state)
    {
        await KilledRun.KillBeforeAsync(Settings, LocalSettings.DuckDbChoice, state, "drop", drop.Folder);
        (await KilledRun.ExecutionsAsync(Settings)).Should().Contain(r => r.Status == ExecutionStatus.Running, "the kill left one RUNNING");
        var list = await TestPipeline.CliAsync(Settings, 200, "executions", "list");
        list.Output.Should().Contain("PROCESS GONE").And.NotContain("RUNNING", "nothing runs it any more");

        var again = await TestPipeline.CliAsync(Settings, 200, "drop", drop.Folder);

        again.Exit.Should().Be(0, again.Output);
        again.Output.Should().Contain("ended as ABORTED");
        await KilledRun.ShouldHaveRecoveredAsync(Settings, state);
    }

    [Fact]
    public async Task Drop_WhenEveryFileIsLoadedAndTheDropsPublishWasAborted_ShouldPublishTheDropNotReportNothingToDo()
    {
        await KilledRun.KillBeforeAsync(Settings, LocalSettings.DuckDbChoice, "Build Models", "drop", drop.Folder);
        // As Ctrl+C leaves it: the interpreter ended the publish as ABORTED itself, so nothing is left RUNNING to recover,
        // and every file is already loaded, so no ingest starts a publish (drop-<id> is taken).
        await EndRunningAsync(r => r.Aborted(DateTimeOffset.UtcNow, "Cancelled", "Ctrl+C"));

        var again = await TestPipeline.CliAsync(Settings, 200, "drop", drop.Folder);

        again.Exit.Should().Be(0, again.Output);
        again.Output.Should().Contain("every file is loaded but the drop was never published");
        var (decisions, published, buildSchemas) = await KilledRun.WarehouseAsync(Settings);
        (decisions, published, buildSchemas).Should().Be((1L, 1L, 0L));
    }

    [Fact]
    public async Task Drop_WhenEveryFileIsLoadedAndTheDropsLastPublishFailed_ShouldSaySoAndExitNonZero()
    {
        await KilledRun.KillBeforeAsync(Settings, LocalSettings.DuckDbChoice, "Build Models", "drop", drop.Folder);
        await EndRunningAsync(r => r with { Status = ExecutionStatus.Failed, StopDate = DateTimeOffset.UtcNow, Error = "States.TaskFailed" });

        var again = await TestPipeline.CliAsync(Settings, 200, "drop", drop.Folder);

        again.Exit.Should().Be(1, again.Output);
        again.Output.Should().Contain($"drop {KilledRun.DropId} is complete but not published").And.Contain($"healthdw publish {KilledRun.DropId}");
    }

    private async Task EndRunningAsync(Func<ExecutionRecord, ExecutionRecord> end)
    {
        var store = new FolderExecutionStore(Path.Combine(Settings.Home, "executions"));
        foreach (var record in (await store.ListAsync()).Where(r => r.Status == ExecutionStatus.Running))
            await store.SaveAsync(end(record));
    }

    public void Dispose() => _folder.Dispose();
}
