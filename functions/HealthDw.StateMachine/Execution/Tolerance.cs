using System.Text.Json.Nodes;
using HealthDw.StateMachine.Definition;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Execution;

/// <summary>A Map state's tolerated failures: a count, a percentage, both, or neither (no failure tolerated).</summary>
internal sealed record Tolerance(int? Count, double? Percentage)
{
    public bool IsSet => Count is not null || Percentage is not null;

    public static Tolerance Read(MapState state, JsonNode? input, StateRun run)
    {
        var count = MapRunner.ReadCount(state.ToleratedFailureCount, state.ToleratedFailureCountPath, "ToleratedFailureCountPath", input, run);
        var percentage = state.ToleratedFailurePercentage;
        if (percentage is null && state.ToleratedFailurePercentagePath is { } path)
        {
            if (!path.TrySelect(path.IsContextPath ? run.Context() : input, out var node) || !JsonNumbers.TryGetDouble(node, out var value) || value is < 0 or > 100)
                throw StatesErrorException.Runtime($"The ToleratedFailurePercentagePath '{path.Text}' of state '{state.Name}' must select a number from 0 to 100 in {JsonText.Compact(input)}.");
            percentage = value;
        }
        return new Tolerance(count, percentage);
    }
}
