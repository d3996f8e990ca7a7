using System.Text.Json.Nodes;
using HealthDw.StateMachine.Definition;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Execution;

/// <summary>
/// A Choice state (spec, "Choice State"): the first top-level rule that holds for the effective input
/// picks the next state, else "Default", else <c>States.NoChoiceMatched</c>. The output is the effective
/// input after OutputPath.
/// </summary>
internal static class ChoiceRunner
{
    public static StateOutcome Run(ChoiceState state, JsonNode? rawInput, StateRun run)
    {
        var input = DataFlow.InputPath(state.InputPath, rawInput, run);
        var next = state.Choices.FirstOrDefault(c => c.Rule.Evaluate(input, run.Context))?.Next ?? state.Default;
        if (next is null)
        {
            throw new StatesErrorException(StatesErrors.NoChoiceMatched,
                $"No Choice Rules of state '{state.Name}' matched the input {JsonText.Compact(input)}, and it has no Default.");
        }
        return new StateOutcome(DataFlow.OutputPath(state.OutputPath, input, run), next);
    }
}
