using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HealthDw.Infra.Tests.Support;

/// <summary>
/// CloudFormation values as a reviewer reads them: <c>{"Fn::GetAtt":["DataBucketE3889A50","Arn"]}</c> +
/// <c>"/raw_files/*"</c> becomes <c>DataBucket/raw_files/*</c>; logical ids lose their hash suffix.
/// </summary>
public static partial class CfnText
{
    public static string Friendly(string logicalId, JsonObject resources) =>
        resources.ContainsKey(logicalId) && HashSuffix().Match(logicalId) is { Success: true } m ? m.Groups[1].Value : logicalId;

    public static string Render(JsonNode? node, JsonObject resources) => node switch
    {
        null => "null",
        JsonValue v => v.ToString(),
        JsonArray a => "[" + string.Join(", ", a.Select(x => Render(x, resources))) + "]",
        JsonObject o when o.Count == 1 => RenderIntrinsic(o.First().Key, o.First().Value, resources),
        JsonObject o => "{" + string.Join(", ", o.Select(p => p.Key + ": " + Render(p.Value, resources))) + "}",
        _ => node.ToJsonString(),
    };

    /// <summary>A string or a list of them (IAM's Action / Resource), rendered one by one.</summary>
    public static IReadOnlyList<string> RenderEach(JsonNode? node, JsonObject resources) =>
        node is JsonArray array ? array.Select(x => Render(x, resources)).ToList() : [Render(node, resources)];

    private static string RenderIntrinsic(string key, JsonNode? value, JsonObject resources) => key switch
    {
        "Ref" => value!.GetValue<string>() is var id && id.StartsWith("AWS::", StringComparison.Ordinal) ? "${" + id + "}" : Friendly(id, resources),
        "Fn::GetAtt" => value!.AsArray() is var a && a[1]!.GetValue<string>() == "Arn"
            ? Friendly(a[0]!.GetValue<string>(), resources)
            : Friendly(a[0]!.GetValue<string>(), resources) + "." + a[1]!.GetValue<string>(),
        "Fn::Join" => string.Join(value![0]!.GetValue<string>(), value[1]!.AsArray().Select(x => Render(x, resources))),
        "Fn::If" => $"if {value![0]} then {Render(value[1], resources)} else {Render(value[2], resources)}",
        "Fn::Sub" => value is JsonValue ? value.ToString() : Render(value![0], resources),
        "Fn::FindInMap" => $"map {Render(value![0], resources)}[{Render(value[1], resources)}].{Render(value[2], resources)}",
        _ => "{" + key + ": " + Render(value, resources) + "}",
    };

    [GeneratedRegex("^(.+?)[0-9A-F]{8}$")]
    private static partial Regex HashSuffix();
}
