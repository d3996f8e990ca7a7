using System.Text.Json.Nodes;
using HealthDw.StateMachine.Definition;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Execution;

/// <summary>
/// Runs a set of states from its StartAt until a terminal state (spec, "Structure of a State Machine"),
/// recording "{Type}StateEntered" and "{Type}StateExited" for each. Task, Parallel and Map states run
/// under their Retry and Catch; an error no state handles leaves this method as an exception.
/// </summary>
internal static class Interpreter
{
    public static async Task<JsonNode?> RunGraphAsync(StateGraph graph, JsonNode? input, Flow flow, CancellationToken ct)
    {
        var clock = flow.Scope.Services.Clock;
        var name = graph.StartAt;
        var data = input;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            flow.Scope.CheckDeadline();
            var state = graph.States[name];
            if (flow.IsMain && flow.Scope.Services.BeforeState is { } beforeState)
                await beforeState(flow.Scope.ExecutionName, name, ct);
            if (flow.IsMain)
                flow.Scope.AddToPath(name);
            var run = new StateRun(flow, state, clock.Now);
            flow.Record(HistoryEventTypes.StateEntered(state.Type), new JsonObject { ["name"] = name, ["input"] = JsonText.Compact(data) });
            if (state is FailState fail)
                throw Failure(fail, data, run);
            StateOutcome outcome;
            try
            {
                outcome = await RunStateAsync(run, data, ct);
                DataFaults.CheckSize(outcome.Output, "output", run);
            }
            catch (StatesErrorException e) when (e.Error != StatesErrors.Runtime)
            {
                var raised = DataFaults.AsRaised(e, run);
                if (raised == e)
                    throw;
                throw raised;
            }
            flow.Record(HistoryEventTypes.StateExited(state.Type), new JsonObject { ["name"] = name, ["output"] = JsonText.Compact(outcome.Output) });
            if (flow.IsMain && flow.Scope.Checkpoint is { } checkpoint)
                await checkpoint();
            if (outcome.Next is null)
                return outcome.Output;
            name = outcome.Next;
            data = outcome.Output;
        }
    }

    /// <summary>The Fail state's own error, or the fault its ErrorPath or CausePath ran into.</summary>
    private static StatesErrorException Failure(FailState state, JsonNode? input, StateRun run)
    {
        try
        {
            return TerminalRunner.Fail(state, input, run);
        }
        catch (StatesErrorException e)
        {
            return DataFaults.AsRaised(e, run);
        }
    }

    private static Task<StateOutcome> RunStateAsync(StateRun run, JsonNode? input, CancellationToken ct) => run.State switch
    {
        PassState s => Task.FromResult(PassRunner.Run(s, input, run)),
        ChoiceState s => Task.FromResult(ChoiceRunner.Run(s, input, run)),
        WaitState s => WaitRunner.RunAsync(s, input, run, ct),
        SucceedState s => Task.FromResult(TerminalRunner.Succeed(s, input, run)),
        TaskState s => RetryAndCatch.RunAsync(run, s.Handlers, input, () => TaskRunner.RunAsync(s, input, run, ct), ct),
        ParallelState s => RetryAndCatch.RunAsync(run, s.Handlers, input, () => ParallelRunner.RunAsync(s, input, run, ct), ct),
        MapState s => RetryAndCatch.RunAsync(run, s.Handlers, input, () => MapRunner.RunAsync(s, input, run, ct), ct),
        _ => throw new InvalidOperationException($"unexpected state type {run.State.Type}"),
    };
}
