using System.Diagnostics;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Randomness;
using HealthDw.StateMachine.Storage;
using HealthDw.StateMachine.Tests.Support;
using HealthDw.StateMachine.Time;

namespace HealthDw.StateMachine.Tests.Storage;

/// <summary>
/// Issue 11, item 5: an execution lives in the process that runs it, so what a killed process leaves in the store must be
/// enough for another one to tell that it is gone and what it had done: the owner, and the history up to the last state.
/// </summary>
public class InterruptedExecutionTests
{
    [Fact]
    public async Task Run_WhenTheProcessStopsBeforeAState_ShouldHaveSavedTheHistoryUpToTheStateBeforeIt()
    {
        var store = new InMemoryExecutionStore();
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new StateMachineRunner(new StateMachineRunnerOptions
        {
            LambdaInvoker = new ScriptedLambdaInvoker(new Dictionary<string, IReadOnlyList<JsonObject>>(), new VirtualClock()),
            Clock = new VirtualClock(),
            Ids = new SequentialIdSource(),
            Store = store,
            Owner = ExecutionOwner.Current,
            BeforeState = async (_, state, ct) =>
            {
                if (state != "Second") return;
                paused.SetResult();
                await Task.Delay(Timeout.Infinite, ct);
            },
        });
        runner.Register(AslDefinition.Parse("""
            {"StartAt": "First", "States": {"First": {"Type": "Pass", "Result": 1, "ResultPath": "$.n", "Next": "Second"}, "Second": {"Type": "Pass", "End": true}}}
            """, "m"));
        using var stop = new CancellationTokenSource();

        var run = runner.StartExecutionAsync("m", "x", new JsonObject(), stop.Token);
        await paused.Task;
        var saved = await store.GetAsync("x");
        await stop.CancelAsync();
        await run;

        saved!.Status.Should().Be(ExecutionStatus.Running);
        saved.Owner.Should().Be(ExecutionOwner.Current);
        saved.Path.Should().Equal("First");
        saved.Events.Select(e => e.Type).Should().Equal(HistoryEventTypes.ExecutionStarted, "PassStateEntered", "PassStateExited");
        saved.IsOrphaned.Should().BeFalse("this process runs it");
    }

    [Fact]
    public async Task IsOrphaned_WhenTheOwnerProcessHasEnded_ShouldBeTrueAndTheOwnerShouldSurviveTheFolderStore()
    {
        using var folder = new TempFolder();
        var store = new FolderExecutionStore(folder.Path);
        ExecutionOwner gone;
        using (var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            gone = new ExecutionOwner(process.Id, process.StartTime.ToUniversalTime());
            await process.WaitForExitAsync();
        }

        await store.SaveAsync(Record("killed", gone));
        await store.SaveAsync(Record("live", ExecutionOwner.Current));

        var killed = (await store.GetAsync("killed"))!;
        killed.Owner!.ProcessId.Should().Be(gone.ProcessId);
        killed.Owner.ProcessStart.Should().BeCloseTo(gone.ProcessStart, TimeSpan.FromMilliseconds(1));
        killed.IsOrphaned.Should().BeTrue();
        (await store.GetAsync("live"))!.IsOrphaned.Should().BeFalse();
        (Record("same id, later start", ExecutionOwner.Current with { ProcessStart = ExecutionOwner.Current.ProcessStart.AddMinutes(-5) }))
            .IsOrphaned.Should().BeTrue("a process given the same id later is not the one that ran it");
    }

    [Fact]
    public void Aborted_ShouldEndTheHistoryWithExecutionAbortedAfterTheLastEvent()
    {
        var running = Record("killed", null) with
        {
            Events = [new HistoryEvent(1, 0, Start, HistoryEventTypes.ExecutionStarted, new JsonObject())],
        };

        var aborted = running.Aborted(Start.AddMinutes(1), "HealthDw.ProcessGone", "its process is gone");

        aborted.Status.Should().Be(ExecutionStatus.Aborted);
        aborted.StopDate.Should().Be(Start.AddMinutes(1));
        aborted.Events.Should().HaveCount(2);
        aborted.Events[1].Should().Match<HistoryEvent>(e => e.Id == 2 && e.PreviousEventId == 1 && e.Type == HistoryEventTypes.ExecutionAborted);
        aborted.Events[1].Details["cause"]!.GetValue<string>().Should().Be("its process is gone");
        aborted.IsOrphaned.Should().BeFalse();
    }

    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ExecutionRecord Record(string name, ExecutionOwner? owner) => new()
    {
        ExecutionArn = StateMachineRunner.ExecutionArnFor("m", name.Replace(' ', '-')),
        StateMachineArn = StateMachineRunner.StateMachineArnFor("m"),
        StateMachineName = "m",
        Name = name.Replace(' ', '-'),
        Status = ExecutionStatus.Running,
        StartDate = Start,
        Owner = owner,
    };
}
