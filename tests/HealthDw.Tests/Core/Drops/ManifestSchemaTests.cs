using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthDw.Core.Drops;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Core.Drops;

/// <summary>
/// warehouse/schemas/manifest.schema.json (issue 12, item 9) describes what <see cref="ManifestReader"/> reads: the
/// generator's manifests validate against it, and its properties and required lists are the reader's record parameters
/// (a nullable parameter is optional). The validator here knows the keywords the schema uses, and fails on any other, so
/// the schema cannot grow a rule this test does not check.
/// </summary>
public sealed class ManifestSchemaTests
{
    private static readonly JsonObject Schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.ConfigFolder, "schemas", "manifest.schema.json")))!.AsObject();

    [Fact]
    public void Validate_WhenTheGeneratorWritesAManifest_ShouldMatchTheSchemaAndParse()
    {
        using var folder = new TempFolder();
        HealthDw.Tests.Support.Drops.Write(folder.Path);
        var bytes = File.ReadAllBytes(folder.Combine($"_manifest_{HealthDw.Tests.Support.Drops.DropId}.json"));

        Problems(JsonNode.Parse(bytes), Schema, "$").Should().BeEmpty();
        ManifestReader.Read("m", bytes).Files.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("""{"files": []}""", "$: drop is required")]
    [InlineData("""{"drop": "d", "files": [{"name": "a.csv", "table": "a", "rows": -1, "bytes": 0}]}""", "$.files[0].rows: below 0")]
    [InlineData("""{"drop": "d", "files": [{"name": "a.csv", "table": "a", "rows": 1}]}""", "$.files[0]: bytes is required")]
    [InlineData("""{"drop": "d", "files": [{"name": "a.csv", "table": "a", "rows": 1, "bytes": 1, "sha256": "ABC"}]}""", "$.files[0].sha256: does not match")]
    [InlineData("""{"drop": "d", "files": [{"name": "a.csv", "table": "a", "rows": "1", "bytes": 1}]}""", "$.files[0].rows: not integer")]
    [InlineData("""{"drop": "d", "files": [], "control_totals": {"billed_amount": "1,234.50"}}""", "$.control_totals.billed_amount: does not match")]
    [InlineData("""{"drop": "d", "files": [], "control_totals": {"billed_amount": true}}""", "$.control_totals.billed_amount: not number or string")]
    [InlineData("""{"drop": "d", "files": [], "control_totals": {"Billed Amount": 1}}""", "$.control_totals.Billed Amount (name): does not match")]
    public void Validate_WhenAManifestBreaksARule_ShouldNameIt(string json, string problem) =>
        Problems(JsonNode.Parse(json), Schema, "$").Should().ContainSingle().Which.Should().StartWith(problem);

    [Fact]
    public void Schema_ShouldListTheReadersPropertiesAndRequireExactlyTheNonNullableOnes()
    {
        var files = Schema["properties"]!["files"]!["items"]!.AsObject();
        ShouldAgree(Schema, typeof(DropManifest));
        ShouldAgree(files, typeof(ManifestFile));
    }

    private static void ShouldAgree(JsonObject schema, Type record)
    {
        var nullability = new NullabilityInfoContext();
        var parameters = record.GetConstructors().Single().GetParameters();
        string Json(ParameterInfo p) => record.GetProperty(p.Name!)?.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name
                                        ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name!);
        schema["properties"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(parameters.Select(Json), record.Name);
        schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().BeEquivalentTo(
            parameters.Where(p => nullability.Create(p).WriteState != NullabilityState.Nullable).Select(Json), record.Name);
    }

    private static List<string> Problems(JsonNode? value, JsonObject schema, string at)
    {
        var problems = new List<string>();
        foreach (var (keyword, rule) in schema)
        {
            switch (keyword)
            {
                case "$schema" or "$id" or "title" or "description":
                    break;
                case "type":
                    var types = rule is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToList() : [rule!.GetValue<string>()];
                    if (!types.Any(t => Is(value, t))) problems.Add($"{at}: not {string.Join(" or ", types)}");
                    break;
                case "required":
                    foreach (var name in rule!.AsArray().Select(r => r!.GetValue<string>()))
                        if (value is JsonObject o && !o.ContainsKey(name)) problems.Add($"{at}: {name} is required");
                    break;
                case "properties":
                    foreach (var (name, sub) in rule!.AsObject())
                        if (value is JsonObject o && o.TryGetPropertyValue(name, out var v)) problems.AddRange(Problems(v, sub!.AsObject(), $"{at}.{name}"));
                    break;
                case "additionalProperties":
                    if (value is JsonObject extra)
                        foreach (var (name, v) in extra.Where(p => schema["properties"]?.AsObject().ContainsKey(p.Key) != true))
                            problems.AddRange(Problems(v, rule!.AsObject(), $"{at}.{name}"));
                    break;
                case "propertyNames":
                    if (value is JsonObject named)
                        foreach (var name in named.Select(p => p.Key))
                            problems.AddRange(Problems(JsonValue.Create(name), rule!.AsObject(), $"{at}.{name} (name)"));
                    break;
                case "items":
                    if (value is JsonArray items)
                        for (var i = 0; i < items.Count; i++) problems.AddRange(Problems(items[i], rule!.AsObject(), $"{at}[{i}]"));
                    break;
                case "minimum":
                    if (Is(value, "integer") && value!.GetValue<long>() < rule!.GetValue<long>()) problems.Add($"{at}: below {rule}");
                    break;
                case "minLength":
                    if (Is(value, "string") && value!.GetValue<string>().Length < rule!.GetValue<int>()) problems.Add($"{at}: shorter than {rule}");
                    break;
                case "pattern":
                    if (Is(value, "string") && !Regex.IsMatch(value!.GetValue<string>(), rule!.GetValue<string>())) problems.Add($"{at}: does not match {rule}");
                    break;
                default:
                    throw new InvalidOperationException($"the schema uses '{keyword}', which this test does not check yet");
            }
        }

        return problems;
    }

    private static bool Is(JsonNode? value, string type) => type switch
    {
        "null" => value is null,
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue s && s.GetValueKind() == JsonValueKind.String,
        "integer" => value is JsonValue n && n.GetValueKind() == JsonValueKind.Number && n.TryGetValue<long>(out _),
        "number" => value is JsonValue n && n.GetValueKind() == JsonValueKind.Number,
        _ => throw new InvalidOperationException($"type '{type}' is not checked here"),
    };

    /// <summary>What the schema requires, the reader requires too: a count the vendor left out is not read as 0.</summary>
    [Theory]
    [InlineData("""{"drop": "20261121T0200", "files": [{"name": "a.csv", "table": "a", "bytes": 10}]}""", "file 1 has no \"rows\"")]
    [InlineData("""{"drop": "20261121T0200", "files": [{"name": "a.csv", "table": "a", "rows": 1, "bytes": 10}, {"name": "b.csv", "table": "b", "rows": 2}]}""", "file 2 has no \"bytes\"")]
    [InlineData("""{"drop": "20261121T0200", "files": [{"name": "a.csv", "table": "a", "rows": null, "bytes": 10}]}""", "not a valid manifest: expected {\"drop\"")]
    [InlineData("""{"files": []}""", "\"drop\" is missing")]
    public void Read_WhenARequiredFieldIsMissing_ShouldRefuseTheManifestNamingIt(string json, string expected)
    {
        var read = () => ManifestReader.Read("_manifest_20261121T0200.json", System.Text.Encoding.UTF8.GetBytes(json));

        read.Should().Throw<ManifestException>().Which.Message.Should().Contain("_manifest_20261121T0200.json").And.Contain(expected);
    }
}
