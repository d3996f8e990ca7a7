using System.Text.Json;
using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.Json;

/// <summary>
/// Structural equality of JSON values: objects compare by their fields regardless of order,
/// numbers by value (1 equals 1.0), strings ordinally.
/// </summary>
internal static class JsonEquality
{
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
            return a is null && b is null;
        var kind = a.GetValueKind();
        if (kind != b.GetValueKind())
            return false;
        switch (kind)
        {
            case JsonValueKind.Object:
                var left = a.AsObject();
                var right = b.AsObject();
                if (left.Count != right.Count)
                    return false;
                foreach (var (key, value) in left)
                {
                    if (!right.TryGetPropertyValue(key, out var other) || !Equal(value, other))
                        return false;
                }
                return true;
            case JsonValueKind.Array:
                var first = a.AsArray();
                var second = b.AsArray();
                if (first.Count != second.Count)
                    return false;
                for (var i = 0; i < first.Count; i++)
                {
                    if (!Equal(first[i], second[i]))
                        return false;
                }
                return true;
            case JsonValueKind.Number:
                return JsonNumbers.TryGetDouble(a, out var x) && JsonNumbers.TryGetDouble(b, out var y) && x.Equals(y);
            case JsonValueKind.String:
                return string.Equals(a.GetValue<string>(), b.GetValue<string>(), StringComparison.Ordinal);
            default:
                return true; // true, false and null carry no further data
        }
    }
}
