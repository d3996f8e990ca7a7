using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthDw.Infra.Tests.Support;

namespace HealthDw.Infra.Tests.Snapshots;

/// <summary>
/// The dev template, kept under version control (Snapshots/HealthDw-dev.template.json) so every change to the
/// infrastructure shows up in review as a diff. Asset hashes (they change with every package build) are
/// replaced. After an intended change: UPDATE_SNAPSHOTS=1 dotnet test tests/HealthDw.Infra.Tests, then commit.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed partial class TemplateSnapshotTests(SynthesizedApp app)
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void DevTemplate_WhenSynthesized_ShouldMatchTheSnapshot()
    {
        var path = Path.Combine(RepoPaths.Snapshots, "HealthDw-dev.template.json");
        var actual = Normalize(app.Dev.Json);
        if (System.Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        File.Exists(path).Should().BeTrue($"the snapshot {path} is missing: run UPDATE_SNAPSHOTS=1 dotnet test tests/HealthDw.Infra.Tests");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual) return;
        Assert.Fail("The dev template differs from its snapshot. If the change is intended, run " +
            "UPDATE_SNAPSHOTS=1 dotnet test tests/HealthDw.Infra.Tests and commit the snapshot.\n" +
            LineDiff.Unified(expected, actual, "Snapshots/HealthDw-dev.template.json", "synthesized HealthDw-dev"));
    }

    [Fact]
    public void Normalize_WhenTheTemplateNamesAnAsset_ShouldReplaceItsHash()
    {
        var hash = new string('a', 64);
        Normalize($$"""{"S3Key":"{{hash}}.zip"}""").Should().Contain("\"<asset-hash>.zip\"").And.NotContain(hash);
    }

    [Fact]
    public void Diff_WhenALineChanges_ShouldShowItWithContext()
    {
        var diff = LineDiff.Unified("a\nb\nc\nd\ne", "a\nb\nX\nd\ne");
        diff.Should().Contain("-c\n+X\n").And.Contain(" b\n").And.Contain(" d\n");
    }

    public static string Normalize(string templateJson)
    {
        var pretty = JsonNode.Parse(templateJson)!.ToJsonString(Pretty).ReplaceLineEndings("\n");
        return AssetHash().Replace(pretty, "<asset-hash>") + "\n";
    }

    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex AssetHash();
}
