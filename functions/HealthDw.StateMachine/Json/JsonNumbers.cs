using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.Json;

/// <summary>Reads and makes JSON numbers without caring how the value is stored in the node.</summary>
internal static class JsonNumbers
{
    public static bool IsNumber(JsonNode? node) => node is JsonValue && node.GetValueKind() == JsonValueKind.Number;

    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        value = 0;
        if (!IsNumber(node))
            return false;
        var value2 = (JsonValue)node!;
        if (value2.TryGetValue(out double d)) { value = d; return true; }
        if (value2.TryGetValue(out long l)) { value = l; return true; }
        if (value2.TryGetValue(out int i)) { value = i; return true; }
        if (value2.TryGetValue(out decimal m)) { value = (double)m; return true; }
        return double.TryParse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>True for a JSON number with no fractional part that fits in a long.</summary>
    public static bool TryGetInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (!TryGetDouble(node, out var d) || double.IsNaN(d) || double.IsInfinity(d) || Math.Floor(d) != d
            || d < long.MinValue || d > long.MaxValue)
            return false;
        value = (long)d;
        return true;
    }

    public static JsonValue Create(long value) => JsonValue.Create(value);

    public static JsonValue Create(double value) =>
        Math.Floor(value) == value && Math.Abs(value) < 9e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);
}
