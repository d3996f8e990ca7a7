using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Execution;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Intrinsics;

/// <summary>The evaluated arguments of one invocation, with typed access that fails with <c>States.IntrinsicFailure</c>.</summary>
internal sealed class IntrinsicArguments(IntrinsicCall call, IReadOnlyList<JsonNode?> values)
{
    public IntrinsicCall Call { get; } = call;

    public int Count => values.Count;

    public JsonNode? this[int index] => values[index];

    public string String(int index)
    {
        var value = values[index];
        if (value is JsonValue && value.GetValueKind() == JsonValueKind.String)
            return value.GetValue<string>();
        throw Fail($"argument {index + 1} must be a string, not {Describe(value)}");
    }

    public long Integer(int index)
    {
        if (JsonNumbers.TryGetInteger(values[index], out var value))
            return value;
        throw Fail($"argument {index + 1} must be an integer, not {Describe(values[index])}");
    }

    public JsonArray Array(int index) =>
        values[index] as JsonArray ?? throw Fail($"argument {index + 1} must be an array, not {Describe(values[index])}");

    public JsonObject Object(int index) =>
        values[index] as JsonObject ?? throw Fail($"argument {index + 1} must be an object, not {Describe(values[index])}");

    public bool Boolean(int index)
    {
        var kind = values[index]?.GetValueKind();
        if (kind is JsonValueKind.True or JsonValueKind.False)
            return kind == JsonValueKind.True;
        throw Fail($"argument {index + 1} must be a boolean, not {Describe(values[index])}");
    }

    public StatesErrorException Fail(string reason) => new(StatesErrors.IntrinsicFailure, $"{Call.Name}: {reason}.");

    public static string Describe(JsonNode? value) => value is null ? "null" : value.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {JsonText.Compact(value)}",
        JsonValueKind.Number => $"the number {JsonText.Compact(value)}",
        _ => JsonText.Compact(value),
    };
}
