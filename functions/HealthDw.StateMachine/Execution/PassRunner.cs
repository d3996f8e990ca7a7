using System.Text.Json.Nodes;
using HealthDw.StateMachine.Definition;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Execution;

/// <summary>
/// A Pass state (spec, "Pass State"): its result is "Result" if present, otherwise its effective input
/// (after InputPath and Parameters), placed by ResultPath into the raw input.
/// </summary>
internal static class PassRunner
{
    public static StateOutcome Run(PassState state, JsonNode? rawInput, StateRun run)
    {
        var input = DataFlow.InputPath(state.InputPath, rawInput, run);
        var effective = DataFlow.Parameters(state.Parameters, input, run);
        var result = state.HasResult ? JsonText.Clone(state.Result) : effective;
        var output = DataFlow.ResultPath(state.ResultPath, rawInput, result);
        return new StateOutcome(DataFlow.OutputPath(state.OutputPath, output, run), state.Next);
    }
}
