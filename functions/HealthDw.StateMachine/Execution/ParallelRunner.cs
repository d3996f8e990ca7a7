using System.Text.Json.Nodes;
using HealthDw.StateMachine.Definition;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Execution;

/// <summary>
/// A Parallel state (spec, "Parallel State"): every branch gets the effective input and runs at once,
/// each on its own timeline; the result is the branches' outputs in branch order. If a branch fails,
/// the others are cancelled and the state fails with that branch's error (as Step Functions reports it).
/// </summary>
internal static class ParallelRunner
{
    public static async Task<StateOutcome> RunAsync(ParallelState state, JsonNode? rawInput, StateRun run, CancellationToken ct)
    {
        var input = DataFlow.InputPath(state.InputPath, rawInput, run);
        var effective = DataFlow.Parameters(state.Parameters, input, run);
        var clock = run.Services.Clock;
        run.Flow.Record(HistoryEventTypes.ParallelStateStarted, new JsonObject { ["name"] = state.Name });
        var start = clock.Now;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var branches = state.Branches
            .Select(branch => RunBranchAsync(branch, JsonText.Clone(effective), run.Flow.Fork(), start, cancel.Token))
            .ToList();
        (JsonNode? Output, DateTimeOffset End)[] results;
        try
        {
            results = await ConcurrentFlows.WhenAllOrFirstFailureAsync(branches, cancel);
        }
        catch (StatesErrorException e)
        {
            run.Flow.Record(HistoryEventTypes.ParallelStateFailed, new JsonObject { ["name"] = state.Name, ["error"] = e.Error, ["cause"] = e.Cause });
            throw;
        }
        var end = results.Select(r => r.End).DefaultIfEmpty(start).Max();
        if (end > clock.Now)
            await clock.DelayAsync(end - clock.Now, ct);
        run.Flow.Record(HistoryEventTypes.ParallelStateSucceeded, new JsonObject { ["name"] = state.Name });
        var result = new JsonArray();
        foreach (var (output, _) in results)
            result.Add(JsonText.Clone(output));
        var selected = DataFlow.ResultSelector(state.ResultSelector, result, run);
        var combined = DataFlow.ResultPath(state.ResultPath, rawInput, selected);
        return new StateOutcome(DataFlow.OutputPath(state.OutputPath, combined, run), state.Next);
    }

    private static async Task<(JsonNode? Output, DateTimeOffset End)> RunBranchAsync(
        StateGraph branch, JsonNode? input, Flow flow, DateTimeOffset start, CancellationToken ct)
    {
        var clock = flow.Scope.Services.Clock;
        using var timeline = clock.BeginTimeline(start);
        var output = await Interpreter.RunGraphAsync(branch, input, flow, ct);
        return (output, clock.Now);
    }
}
