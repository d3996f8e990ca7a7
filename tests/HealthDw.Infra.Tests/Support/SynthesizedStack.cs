using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace HealthDw.Infra.Tests.Support;

/// <summary>One synthesised stack: the CDK's <see cref="Template"/> for assertions, and the same JSON to walk.</summary>
public sealed class SynthesizedStack(string name, string json)
{
    public string Name { get; } = name;

    public string Json { get; } = json;

    public Template Template { get; } = Template.FromString(json);

    public JsonObject Root { get; } = JsonNode.Parse(json)!.AsObject();

    public JsonObject Resources => Root["Resources"]!.AsObject();

    /// <summary>Every resource of a type, by logical id.</summary>
    public IReadOnlyDictionary<string, JsonObject> OfType(string type) =>
        Resources.Where(p => p.Value!["Type"]!.GetValue<string>() == type)
            .ToDictionary(p => p.Key, p => p.Value!.AsObject(), StringComparer.Ordinal);

    /// <summary>The one resource of a type whose logical id starts with <paramref name="name"/> (ids end in an 8-character hash).</summary>
    public JsonObject Resource(string type, string name) => OfType(type)
        .Where(p => CfnText.Friendly(p.Key, Resources) == name)
        .Select(p => p.Value)
        .Should().ContainSingle($"one {type} named {name}").Subject;

    public JsonObject Properties(string type, string name) => Resource(type, name)["Properties"]!.AsObject();
}
