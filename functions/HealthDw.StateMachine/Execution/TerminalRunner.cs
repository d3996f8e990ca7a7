using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Definition;
using HealthDw.StateMachine.Intrinsics;
using HealthDw.StateMachine.Json;
using HealthDw.StateMachine.Paths;

namespace HealthDw.StateMachine.Execution;

/// <summary>
/// The Succeed and Fail states (spec, "Succeed State", "Fail State"). Succeed passes its input through
/// InputPath and OutputPath and ends its flow. Fail ends it with an error: Error and Cause, or
/// ErrorPath and CausePath (Reference Paths or intrinsic functions on the state input) that must give strings.
/// </summary>
internal static class TerminalRunner
{
    public static StateOutcome Succeed(SucceedState state, JsonNode? rawInput, StateRun run)
    {
        var input = DataFlow.InputPath(state.InputPath, rawInput, run);
        return new StateOutcome(DataFlow.OutputPath(state.OutputPath, input, run), null);
    }

    public static StatesErrorException Fail(FailState state, JsonNode? rawInput, StateRun run)
    {
        var error = state.Error ?? Resolve(state.ErrorPath, state.ErrorFunction, "ErrorPath", state, rawInput, run);
        var cause = state.Cause ?? Resolve(state.CausePath, state.CauseFunction, "CausePath", state, rawInput, run);
        return new StatesErrorException(error ?? "", cause);
    }

    private static string? Resolve(JsonPath? path, IntrinsicCall? call, string field, FailState state, JsonNode? input, StateRun run)
    {
        JsonNode? value;
        if (path is not null)
        {
            if (!path.TrySelect(path.IsContextPath ? run.Context() : input, out value))
                throw StatesErrorException.Runtime($"The {field} '{path.Text}' of state '{state.Name}' matches nothing in {JsonText.Compact(input)}.");
        }
        else if (call is not null)
            value = IntrinsicEvaluator.Evaluate(call, run.Environment(input));
        else
            return null;
        if (value is JsonValue && value.GetValueKind() == JsonValueKind.String)
            return value.GetValue<string>();
        throw StatesErrorException.Runtime($"The {field} of state '{state.Name}' must give a string, not {JsonText.Compact(value)}.");
    }
}
