using System.Text.Json.Nodes;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Storage;
using HealthDw.StateMachine.Tests.Support;

namespace HealthDw.StateMachine.Tests.Storage;

public class FolderExecutionStoreTests
{
    [Fact]
    public async Task Save_ThenGet_ShouldRoundTripTheWholeRecord()
    {
        using var folder = new TempFolder();
        var store = new FolderExecutionStore(folder.Path);
        var (runner, _, _) = RunnerFactory.Create(store: store);
        runner.Register(AslDefinition.Parse("""
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3, "Next": "P"}, "P": {"Type": "Pass", "Result": {"n": 1.5, "s": "é"}, "End": true}}}
            """, "demo"));

        var record = await runner.StartExecutionAsync("demo", "drop-1", JsonNode.Parse("""{"file": "a b.csv"}"""));
        var byName = await store.GetAsync("drop-1");
        var byArn = await store.GetAsync(record.ExecutionArn);

        byName.Should().BeEquivalentTo(byArn, o => o.Excluding(r => r!.Events).Excluding(r => r!.Input).Excluding(r => r!.Output));
        byArn!.Status.Should().Be(ExecutionStatus.Succeeded);
        byArn.StartDate.Should().Be(record.StartDate);
        byArn.StopDate.Should().Be(record.StopDate);
        byArn.Input!.ToJsonString().Should().Be(record.Input!.ToJsonString());
        JsonComparison.Equal(byArn.Output, record.Output).Should().BeTrue();
        byArn.Path.Should().Equal("W", "P");
        byArn.Events.Select(e => (e.Id, e.PreviousEventId, e.Type, e.Timestamp)).Should().Equal(record.Events.Select(e => (e.Id, e.PreviousEventId, e.Type, e.Timestamp)));
        byArn.Events.Select(e => e.Details.ToJsonString()).Should().Equal(record.Events.Select(e => e.Details.ToJsonString()));
        Directory.GetFiles(folder.Path).Select(Path.GetFileName).Should().Equal("demo--drop-1.json");
    }

    [Fact]
    public async Task Save_WhenRecordIsSavedTwice_ShouldKeepOneFileWithTheLatestStatus()
    {
        using var folder = new TempFolder();
        var store = new FolderExecutionStore(folder.Path);
        var running = Record("x", ExecutionStatus.Running);

        await store.SaveAsync(running);
        await store.SaveAsync(running with { Status = ExecutionStatus.Succeeded, StopDate = running.StartDate.AddSeconds(1) });

        Directory.GetFiles(folder.Path).Should().ContainSingle();
        Directory.GetFiles(folder.Path, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
        (await store.GetAsync("x"))!.Status.Should().Be(ExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task List_WhenSeveralRecords_ShouldReturnNewestFirst()
    {
        using var folder = new TempFolder();
        var store = new FolderExecutionStore(folder.Path);
        await store.SaveAsync(Record("old", ExecutionStatus.Succeeded, minutes: 0));
        await store.SaveAsync(Record("new", ExecutionStatus.Failed, minutes: 5));

        var all = await store.ListAsync();

        all.Select(r => r.Name).Should().Equal("new", "old");
        (await store.GetAsync("missing")).Should().BeNull();
    }

    [Fact]
    public async Task Get_WhenNameIsUsedByTwoStateMachines_ShouldRefuseToGuess()
    {
        using var folder = new TempFolder();
        var store = new FolderExecutionStore(folder.Path);
        await store.SaveAsync(Record("same", ExecutionStatus.Succeeded, machine: "a"));
        await store.SaveAsync(Record("same", ExecutionStatus.Succeeded, machine: "b"));

        var act = () => store.GetAsync("same");

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*several state machines*");
        (await store.GetAsync(StateMachineRunner.ExecutionArnFor("b", "same")))!.StateMachineName.Should().Be("b");
    }

    private static ExecutionRecord Record(string name, ExecutionStatus status, int minutes = 0, string machine = "m") => new()
    {
        ExecutionArn = StateMachineRunner.ExecutionArnFor(machine, name),
        StateMachineArn = StateMachineRunner.StateMachineArnFor(machine),
        StateMachineName = machine,
        Name = name,
        Status = status,
        StartDate = new DateTimeOffset(2024, 1, 1, 0, minutes, 0, TimeSpan.Zero),
        Input = new JsonObject { ["k"] = 1 },
    };
}
