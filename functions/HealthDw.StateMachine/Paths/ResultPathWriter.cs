using System.Text.Json.Nodes;
using HealthDw.StateMachine.Execution;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Paths;

/// <summary>
/// Places a result into a copy of the raw input at a ResultPath (spec, "Input and Output Processing"):
/// an existing field there is overwritten, missing intermediate fields are created as objects, and a
/// path that cannot apply (the input is not an object, an intermediate value is not an object, an
/// index is out of range) fails with <c>States.ResultPathMatchFailure</c>.
/// </summary>
internal static class ResultPathWriter
{
    public static JsonNode? Apply(JsonNode? rawInput, JsonPath resultPath, JsonNode? result)
    {
        var segments = resultPath.Segments;
        if (segments.Count == 0)
            return JsonText.Clone(result);
        var output = JsonText.Clone(rawInput);
        JsonNode? container = output;
        for (var i = 0; i < segments.Count; i++)
        {
            var last = i == segments.Count - 1;
            switch (segments[i])
            {
                case FieldSegment field when container is JsonObject obj:
                    if (last)
                    {
                        obj[field.Name] = JsonText.Clone(result);
                        break;
                    }
                    if (!obj.TryGetPropertyValue(field.Name, out var child))
                    {
                        child = new JsonObject();
                        obj[field.Name] = child;
                    }
                    container = child;
                    break;
                case IndexSegment index when container is JsonArray array:
                    var position = index.Index < 0 ? array.Count + index.Index : index.Index;
                    if (position < 0 || position >= array.Count)
                        throw Failure(resultPath, rawInput, $"index {index.Index} is outside the array");
                    if (last)
                    {
                        array[position] = JsonText.Clone(result);
                        break;
                    }
                    container = array[position];
                    break;
                default:
                    throw Failure(resultPath, rawInput, "the value it addresses is not an object");
            }
        }
        return output;
    }

    private static StatesErrorException Failure(JsonPath path, JsonNode? input, string reason) =>
        new(StatesErrors.ResultPathMatchFailure,
            $"Unable to apply ResultPath '{path.Text}' to input '{JsonText.Compact(input)}': {reason}.");
}
