using System.Text.Json.Nodes;
using HealthDw.StateMachine.Definition;
using HealthDw.StateMachine.Json;
using HealthDw.StateMachine.Tasks;

namespace HealthDw.StateMachine.Execution;

/// <summary>
/// A Task state (spec, "Task State"): InputPath, Parameters, the resource under its timeout,
/// ResultSelector, ResultPath, OutputPath. The timeout is TimeoutSeconds, or TimeoutSecondsPath read
/// from the input after InputPath, or the runner's default (the spec's 60 seconds unless changed).
/// </summary>
internal static class TaskRunner
{
    public static async Task<StateOutcome> RunAsync(TaskState state, JsonNode? rawInput, StateRun run, CancellationToken ct)
    {
        var input = DataFlow.InputPath(state.InputPath, rawInput, run);
        var effective = DataFlow.Parameters(state.Parameters, input, run);
        DataFaults.CheckSize(effective, "input after Parameters", run);
        var timeout = Timeout(state, input, run);
        var result = await TaskDispatcher.InvokeAsync(TaskResource.Parse(state.Resource), effective, timeout, run, ct);
        DataFaults.CheckSize(result, "task result", run);
        var selected = DataFlow.ResultSelector(state.ResultSelector, result, run);
        var output = DataFlow.ResultPath(state.ResultPath, rawInput, selected);
        return new StateOutcome(DataFlow.OutputPath(state.OutputPath, output, run), state.Next);
    }

    private static TimeSpan Timeout(TaskState state, JsonNode? input, StateRun run)
    {
        if (state.TimeoutSeconds is { } seconds)
            return TimeSpan.FromSeconds(seconds);
        if (state.TimeoutSecondsPath is { } path)
        {
            if (!path.TrySelect(path.IsContextPath ? run.Context() : input, out var value) || !JsonNumbers.TryGetInteger(value, out var fromPath) || fromPath <= 0)
                throw StatesErrorException.Runtime($"The TimeoutSecondsPath '{path.Text}' of state '{state.Name}' must select a positive integer in {JsonText.Compact(input)}.");
            return TimeSpan.FromSeconds(fromPath);
        }
        return TimeSpan.FromSeconds(run.Services.DefaultTaskTimeoutSeconds);
    }
}
