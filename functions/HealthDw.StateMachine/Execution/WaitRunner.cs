using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Definition;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Execution;

/// <summary>
/// A Wait state (spec, "Wait State"): waits Seconds, or until Timestamp (no wait if it has passed);
/// SecondsPath and TimestampPath read them from the effective input, where a missing or ill-typed value
/// is a <c>States.Runtime</c> error.
/// </summary>
internal static class WaitRunner
{
    public static async Task<StateOutcome> RunAsync(WaitState state, JsonNode? rawInput, StateRun run, CancellationToken ct)
    {
        var input = DataFlow.InputPath(state.InputPath, rawInput, run);
        var clock = run.Services.Clock;
        TimeSpan delay;
        if (state.Seconds is { } seconds)
            delay = TimeSpan.FromSeconds(seconds);
        else if (state.Timestamp is { } timestamp)
            delay = timestamp - clock.Now;
        else if (state.SecondsPath is { } secondsPath)
        {
            if (!secondsPath.TrySelect(secondsPath.IsContextPath ? run.Context() : input, out var value) || !JsonNumbers.TryGetInteger(value, out var n) || n < 0)
                throw StatesErrorException.Runtime($"The SecondsPath '{secondsPath.Text}' of state '{state.Name}' must select a non-negative integer in {JsonText.Compact(input)}.");
            delay = TimeSpan.FromSeconds(n);
        }
        else
        {
            var path = state.TimestampPath!;
            if (!path.TrySelect(path.IsContextPath ? run.Context() : input, out var value) || value?.GetValueKind() != JsonValueKind.String
                || !AslTimestamp.TryParse(value.GetValue<string>(), out var until))
                throw StatesErrorException.Runtime($"The TimestampPath '{path.Text}' of state '{state.Name}' must select a timestamp such as \"2016-03-14T01:59:00Z\" in {JsonText.Compact(input)}.");
            delay = until - clock.Now;
        }
        if (delay > TimeSpan.Zero)
            await clock.DelayAsync(delay, ct);
        return new StateOutcome(DataFlow.OutputPath(state.OutputPath, input, run), state.Next);
    }
}
