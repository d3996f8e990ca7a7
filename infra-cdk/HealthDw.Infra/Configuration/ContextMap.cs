using System.Collections;
using System.Text.Json;

namespace HealthDw.Infra.Configuration;

/// <summary>A context value that is a JSON object of strings (from cdk.json or -c), as a dictionary.</summary>
public static class ContextMap
{
    public static IReadOnlyDictionary<string, string> Read(object? value) => value switch
    {
        null => new Dictionary<string, string>(),
        string json => JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [],
        IDictionary<string, object> map => map.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? ""),
        IDictionary map => map.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => map[k]?.ToString() ?? ""),
        _ => JsonSerializer.Deserialize<Dictionary<string, string>>(value.ToString() ?? "{}") ?? [],
    };
}
