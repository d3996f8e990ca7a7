using System.Text.Json.Nodes;
using HealthDw.StateMachine.Json;
using HealthDw.StateMachine.Paths;
using HealthDw.StateMachine.Payload;

namespace HealthDw.StateMachine.Execution;

/// <summary>
/// The spec's input and output processing, in its order: InputPath, Parameters, (the work),
/// ResultSelector, ResultPath, OutputPath ("Input and Output Processing"). A null InputPath or
/// OutputPath gives <c>{}</c>; a null ResultPath keeps the raw input and discards the result. A path
/// that matches nothing in InputPath or OutputPath is a <c>States.Runtime</c> error, as in Step Functions.
/// </summary>
internal static class DataFlow
{
    public static JsonNode? InputPath(JsonPath? path, JsonNode? rawInput, StateRun run) =>
        path is null ? new JsonObject() : Select(path, rawInput, run, "InputPath");

    public static JsonNode? Parameters(PayloadTemplate? parameters, JsonNode? input, StateRun run) =>
        parameters is null ? input : parameters.Evaluate(run.Environment(input));

    public static JsonNode? ResultSelector(PayloadTemplate? selector, JsonNode? result, StateRun run) =>
        selector is null ? result : selector.Evaluate(run.Environment(result));

    public static JsonNode? ResultPath(JsonPath? path, JsonNode? rawInput, JsonNode? result) =>
        path is null ? JsonText.Clone(rawInput) : ResultPathWriter.Apply(rawInput, path, result);

    public static JsonNode? OutputPath(JsonPath? path, JsonNode? output, StateRun run) =>
        path is null ? new JsonObject() : Select(path, output, run, "OutputPath");

    private static JsonNode? Select(JsonPath path, JsonNode? data, StateRun run, string field)
    {
        if (path.Segments.Count == 0 && !path.IsContextPath)
            return data;
        var root = path.IsContextPath ? run.Context() : data;
        if (!path.TrySelect(root, out var value))
            throw StatesErrorException.Runtime($"Invalid path '{path.Text}' : The {field} '{path.Text}' of state '{run.State.Name}' could not be found in {JsonText.Compact(root)}.");
        return JsonText.Clone(value);
    }
}
