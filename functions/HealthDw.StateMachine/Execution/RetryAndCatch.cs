using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Definition;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Randomness;

namespace HealthDw.StateMachine.Execution;

/// <summary>
/// Retry and Catch around one visit to a Task, Parallel or Map state (spec, "Retrying after error",
/// "Complex retry scenarios", "Fallback states"). The first Retrier whose ErrorEquals matches decides;
/// once that Retrier has used its MaxAttempts the error goes to the Catchers, even if a later Retrier
/// would match. Each Retrier counts its own attempts for the whole visit. The wait before retry n
/// (0-based) is IntervalSeconds × BackoffRate^n, capped at MaxDelaySeconds, and with JitterStrategy FULL
/// a random fraction of that. "States.ALL" matches every error, and "States.TaskFailed" every error a
/// task raises except States.Timeout; neither matches States.Runtime or States.DataLimitExceeded, which are
/// never retried or caught. The state's own data faults are named by <see cref="DataFaults"/> before any matching.
/// </summary>
internal static class RetryAndCatch
{
    public static async Task<StateOutcome> RunAsync(
        StateRun run, ErrorHandlers handlers, JsonNode? rawInput, Func<Task<StateOutcome>> attempt, CancellationToken ct)
    {
        var used = new int[handlers.Retriers.Count];
        while (true)
        {
            StatesErrorException error;
            try
            {
                return await attempt();
            }
            catch (StatesErrorException e)
            {
                error = DataFaults.AsRaised(e, run);
                if (error.IsTerminal)
                    ExceptionDispatchInfo.Throw(error == e ? e : error);
            }

            var retrierIndex = FirstMatch(handlers.Retriers.Select(r => r.ErrorEquals), error);
            if (retrierIndex >= 0 && used[retrierIndex] < handlers.Retriers[retrierIndex].MaxAttempts)
            {
                var retrier = handlers.Retriers[retrierIndex];
                var delay = Delay(retrier, used[retrierIndex], run.Services.Random);
                used[retrierIndex]++;
                run.RetryCount++;
                run.Flow.Record(HistoryEventTypes.RetryScheduled, new JsonObject
                {
                    ["name"] = run.State.Name,
                    ["error"] = error.Error,
                    ["cause"] = error.Cause,
                    ["retrierIndex"] = retrierIndex,
                    ["attempt"] = used[retrierIndex],
                    ["delaySeconds"] = Math.Round(delay.TotalSeconds, 3),
                });
                await run.Services.Clock.DelayAsync(delay, ct);
                run.Scope.CheckDeadline();
                continue;
            }

            var catcherIndex = FirstMatch(handlers.Catchers.Select(c => c.ErrorEquals), error);
            if (catcherIndex < 0)
                ExceptionDispatchInfo.Throw(error);
            var catcher = handlers.Catchers[catcherIndex];
            JsonNode? output;
            try
            {
                output = DataFlow.ResultPath(catcher.ResultPath, rawInput, ErrorOutput(error));
            }
            catch (StatesErrorException e)
            {
                throw DataFaults.AsRaised(e, run);
            }
            run.Flow.Record(HistoryEventTypes.ErrorCaught, new JsonObject
            {
                ["name"] = run.State.Name,
                ["error"] = error.Error,
                ["cause"] = error.Cause,
                ["catcherIndex"] = catcherIndex,
                ["next"] = catcher.Next,
            });
            return new StateOutcome(output, catcher.Next);
        }
    }

    /// <summary>The Error Output (spec, "Error output"): "Error" and, when there is one, "Cause".</summary>
    public static JsonObject ErrorOutput(StatesErrorException error)
    {
        var output = new JsonObject { ["Error"] = error.Error };
        if (error.Cause is not null)
            output["Cause"] = error.Cause;
        return output;
    }

    public static TimeSpan Delay(Retrier retrier, int retriesSoFar, IRandomSource random)
    {
        var seconds = retrier.IntervalSeconds * Math.Pow(retrier.BackoffRate, retriesSoFar);
        if (retrier.MaxDelaySeconds is { } max)
            seconds = Math.Min(seconds, max);
        if (retrier.Jitter == JitterStrategy.Full)
            seconds *= random.NextDouble();
        return TimeSpan.FromSeconds(Math.Round(seconds, 3, MidpointRounding.AwayFromZero));
    }

    private static int FirstMatch(IEnumerable<IReadOnlyList<string>> lists, StatesErrorException error)
    {
        var index = 0;
        foreach (var names in lists)
        {
            if (names.Any(name => Matches(name, error)))
                return index;
            index++;
        }
        return -1;
    }

    private static bool Matches(string name, StatesErrorException error) =>
        string.Equals(name, error.Error, StringComparison.Ordinal)
        || name == StatesErrors.All
        || (name == StatesErrors.TaskFailed && error.FromTask && error.Error != StatesErrors.Timeout);
}
