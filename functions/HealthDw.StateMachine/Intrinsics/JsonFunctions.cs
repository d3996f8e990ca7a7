using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Intrinsics;

/// <summary>States.StringToJson, States.JsonToString and States.JsonMerge (spec, Appendix B).</summary>
internal static class JsonFunctions
{
    public static JsonNode? StringToJson(IntrinsicArguments args)
    {
        var text = args.String(0);
        try
        {
            return JsonText.Parse(text);
        }
        catch (JsonException)
        {
            throw args.Fail("the string is not JSON text");
        }
    }

    public static JsonNode JsonToString(IntrinsicArguments args) => JsonValue.Create(JsonText.Compact(args[0]));

    /// <summary>
    /// Merges two objects: with false (shallow) a field of the second replaces the same field of the first;
    /// with true (deep) fields that are objects on both sides are merged recursively.
    /// </summary>
    public static JsonNode JsonMerge(IntrinsicArguments args)
    {
        var first = args.Object(0);
        var second = args.Object(1);
        var deep = args.Boolean(2);
        var merged = (JsonObject)first.DeepClone();
        Merge(merged, second, deep);
        return merged;
    }

    private static void Merge(JsonObject into, JsonObject from, bool deep)
    {
        foreach (var (key, value) in from)
        {
            if (deep && value is JsonObject fromChild && into[key] is JsonObject intoChild)
                Merge(intoChild, fromChild, deep);
            else
                into[key] = JsonText.Clone(value);
        }
    }
}
