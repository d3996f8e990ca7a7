using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.Functions;
using HealthDw.Functions.Steps;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Functions;

/// <summary>The statuses the file steps answer are compared by the definitions' Choice states as strings: the enum's
/// wire names are the contract with statemachine/*.asl.json.</summary>
public class StepStatusWireNameTests
{
    /// <summary>The state data paths whose value is a <see cref="StepStatus"/>.</summary>
    private static readonly string[] StatusPaths = ["$.route.result.kind", "$.verdict.result.status", "$.archive.result.outcome"];

    [Theory]
    [InlineData(StepStatus.Routed, "routed")]
    [InlineData(StepStatus.Ignored, "ignored")]
    [InlineData(StepStatus.Control, "control")]
    [InlineData(StepStatus.Unknown, "unknown")]
    [InlineData(StepStatus.Valid, "valid")]
    [InlineData(StepStatus.Loaded, "loaded")]
    [InlineData(StepStatus.AlreadyLoaded, "already_loaded")]
    [InlineData(StepStatus.Rejected, "rejected")]
    [InlineData(StepStatus.AlreadyRejected, "already_rejected")]
    [InlineData(StepStatus.Running, "running")]
    [InlineData(StepStatus.Processed, "processed")]
    public void Serialize_WhenAStepAnswersAStatus_ShouldWriteItsSnakeCaseName(StepStatus status, string wire)
    {
        var json = JsonSerializer.Serialize(new ArchiveResult(status, "processed/x/a.csv", null, "s"), HealthDwJsonContext.Default.ArchiveResult);

        JsonNode.Parse(json)!["outcome"]!.GetValue<string>().Should().Be(wire);
        JsonSerializer.Deserialize(json, HealthDwJsonContext.Default.ArchiveResult)!.Outcome.Should().Be(status);
        status.WireName().Should().Be(wire);
    }

    [Fact]
    public void WireNames_ShouldBeTestedForEveryStatus() =>
        typeof(StepStatusWireNameTests).GetMethod(nameof(Serialize_WhenAStepAnswersAStatus_ShouldWriteItsSnakeCaseName))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(d => (StepStatus)d.GetData(null!).Single()[0]).Should().BeEquivalentTo(Enum.GetValues<StepStatus>());

    [Theory]
    [InlineData("ingest-file.asl.json")]
    [InlineData("publish-drop.asl.json")]
    public void ChoiceStates_WhenTheyCompareAStepStatus_ShouldNameOneTheEnumWrites(string definition)
    {
        var wireNames = Enum.GetValues<StepStatus>().Select(s => s.WireName()).ToHashSet();
        var compared = Comparisons(JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "statemachine", definition))))
            .Where(c => StatusPaths.Contains(c.Variable)).ToList();

        compared.Where(c => !wireNames.Contains(c.Value)).Should().BeEmpty("a Choice that compares a status no step writes never matches");
        if (definition == "ingest-file.asl.json")
            compared.Select(c => c.Value).Should().Contain(["ignored", "unknown", "control", "rejected", "already_rejected", "running", "loaded"]);
    }

    private static IEnumerable<(string Variable, string Value)> Comparisons(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["Variable"] is JsonValue variable && o["StringEquals"] is JsonValue value)
                    yield return (variable.GetValue<string>(), value.GetValue<string>());
                foreach (var child in o.Select(p => p.Value).SelectMany(Comparisons))
                    yield return child;
                break;
            case JsonArray a:
                foreach (var child in a.SelectMany(Comparisons))
                    yield return child;
                break;
        }
    }
}
