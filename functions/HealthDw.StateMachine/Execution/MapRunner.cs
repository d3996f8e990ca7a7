using System.Text.Json.Nodes;
using HealthDw.StateMachine.Definition;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Json;
using HealthDw.StateMachine.Paths;

namespace HealthDw.StateMachine.Execution;

/// <summary>
/// An inline Map state (spec, "Map State"): ItemsPath selects an array from the effective input; each
/// item, reshaped by ItemSelector (or the deprecated Parameters, where <c>$$.Map.Item.Index</c> and
/// <c>$$.Map.Item.Value</c> are available), runs through the ItemProcessor (or Iterator). At most
/// MaxConcurrency iterations run at once (0: no limit; 1: one after another, in order); results keep
/// item order. Without a tolerance the first failing iteration fails the state with its error; with
/// ToleratedFailureCount or ToleratedFailurePercentage, failed items yield their Error Output until
/// the threshold is exceeded, which fails the state with <c>States.ExceedToleratedFailureThreshold</c>.
/// </summary>
internal static class MapRunner
{
    public static async Task<StateOutcome> RunAsync(MapState state, JsonNode? rawInput, StateRun run, CancellationToken ct)
    {
        var input = DataFlow.InputPath(state.InputPath, rawInput, run);
        var items = SelectItems(state, input, run);
        var maxConcurrency = ReadCount(state.MaxConcurrency, state.MaxConcurrencyPath, "MaxConcurrencyPath", input, run) ?? 0;
        var tolerance = Tolerance.Read(state, input, run);
        var clock = run.Services.Clock;
        run.Flow.Record(HistoryEventTypes.MapStateStarted, new JsonObject { ["name"] = state.Name, ["length"] = items.Count });
        var start = clock.Now;

        var selected = new List<JsonNode?>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var index = i;
            selected.Add(state.ItemSelector is null
                ? JsonText.Clone(items[i])
                : state.ItemSelector.Evaluate(run.Environment(input, () => ContextObject.WithMapItem(run.Context(), index, items[index]))));
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var slots = new IterationSlots(maxConcurrency, start);
        var failures = new FailureCounter(tolerance, items.Count);
        var iterations = new List<Task<(JsonNode? Output, DateTimeOffset End)>>(items.Count);
        try
        {
            for (var i = 0; i < items.Count && !failures.Stopped; i++)
            {
                var slotStart = await slots.AcquireAsync(ct);
                if (failures.Stopped)
                {
                    slots.Release(slotStart);
                    break;
                }
                iterations.Add(RunIterationAsync(state, i, selected[i], run.Flow.Fork(), slotStart, slots, failures, cancel));
            }
            var results = await ConcurrentFlows.WhenAllOrFirstFailureAsync(iterations, cancel);
            var end = results.Select(r => r.End).DefaultIfEmpty(start).Max();
            if (end > clock.Now)
                await clock.DelayAsync(end - clock.Now, ct);
            run.Flow.Record(HistoryEventTypes.MapStateSucceeded, new JsonObject { ["name"] = state.Name });
            var result = new JsonArray();
            foreach (var (output, _) in results)
                result.Add(JsonText.Clone(output));
            var reshaped = DataFlow.ResultSelector(state.ResultSelector, result, run);
            var combined = DataFlow.ResultPath(state.ResultPath, rawInput, reshaped);
            return new StateOutcome(DataFlow.OutputPath(state.OutputPath, combined, run), state.Next);
        }
        catch (StatesErrorException e)
        {
            run.Flow.Record(HistoryEventTypes.MapStateFailed, new JsonObject { ["name"] = state.Name, ["error"] = e.Error, ["cause"] = e.Cause });
            throw;
        }
    }

    private static JsonArray SelectItems(MapState state, JsonNode? input, StateRun run)
    {
        var root = state.ItemsPath.IsContextPath ? run.Context() : input;
        if (!state.ItemsPath.TrySelect(root, out var items) || items is not JsonArray array)
            throw StatesErrorException.Runtime($"The ItemsPath '{state.ItemsPath.Text}' of state '{state.Name}' must select an array in {JsonText.Compact(root)}.");
        return array;
    }

    private static async Task<(JsonNode? Output, DateTimeOffset End)> RunIterationAsync(
        MapState state, int index, JsonNode? item, Flow flow, DateTimeOffset start, IterationSlots slots, FailureCounter failures, CancellationTokenSource cancel)
    {
        var clock = flow.Scope.Services.Clock;
        using var timeline = clock.BeginTimeline(start);
        try
        {
            flow.Record(HistoryEventTypes.MapIterationStarted, new JsonObject { ["name"] = state.Name, ["index"] = index });
            var output = await Interpreter.RunGraphAsync(state.Processor, item, flow, cancel.Token);
            flow.Record(HistoryEventTypes.MapIterationSucceeded, new JsonObject { ["name"] = state.Name, ["index"] = index });
            return (output, clock.Now);
        }
        catch (StatesErrorException e) when (!e.IsTerminal)
        {
            flow.Record(HistoryEventTypes.MapIterationFailed, new JsonObject { ["name"] = state.Name, ["index"] = index, ["error"] = e.Error, ["cause"] = e.Cause });
            if (!failures.Tolerates())
                throw failures.IsTolerant ? failures.Exceeded(state.Name) : e;
            return (RetryAndCatch.ErrorOutput(e), clock.Now);
        }
        catch (StatesErrorException)
        {
            failures.Stop();
            throw;
        }
        finally
        {
            slots.Release(clock.Now);
        }
    }

    internal static int? ReadCount(int? value, JsonPath? path, string field, JsonNode? input, StateRun run)
    {
        if (value is not null || path is null)
            return value;
        if (!path.TrySelect(path.IsContextPath ? run.Context() : input, out var node) || !JsonNumbers.TryGetInteger(node, out var count) || count < 0 || count > int.MaxValue)
            throw StatesErrorException.Runtime($"The {field} '{path.Text}' of state '{run.State.Name}' must select a non-negative integer in {JsonText.Compact(input)}.");
        return (int)count;
    }
}
