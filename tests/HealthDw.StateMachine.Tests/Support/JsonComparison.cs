using System.Text.Json;
using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.Tests.Support;

/// <summary>Structural JSON equality for assertions: field order ignored, numbers compared by value.</summary>
public static class JsonComparison
{
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
            return a is null && b is null;
        var kind = a.GetValueKind();
        if (kind != b.GetValueKind())
            return false;
        return kind switch
        {
            JsonValueKind.Object => a.AsObject().Count == b.AsObject().Count
                && a.AsObject().All(p => b.AsObject().TryGetPropertyValue(p.Key, out var other) && Equal(p.Value, other)),
            JsonValueKind.Array => a.AsArray().Count == b.AsArray().Count
                && a.AsArray().Zip(b.AsArray()).All(pair => Equal(pair.First, pair.Second)),
            JsonValueKind.Number => Number(a) == Number(b),
            JsonValueKind.String => a.GetValue<string>() == b.GetValue<string>(),
            _ => true,
        };
    }

    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    public static void ShouldEqual(this JsonNode? actual, JsonNode? expected, string what)
    {
        if (!Equal(actual, expected))
            throw new Xunit.Sdk.XunitException($"{what} differs.\n  expected: {Text(expected)}\n  actual:   {Text(actual)}");
    }

    public static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";
}
