using System.Text.RegularExpressions;
using HealthDw.Infra.Configuration;
using HealthDw.Infra.Tests.Support;

namespace HealthDw.Infra.Tests.Delivery;

/// <summary>
/// samconfig.toml works with the CDK stacks and nothing else: its stack names are the app's stacks
/// (HealthDw-&lt;stage&gt;, so `sam list stack-outputs`, `sam logs` and `sam remote invoke` find the deployed
/// stack), its templates are the ones `cdk synth` writes, and it has no deploy settings: a CDK template names its
/// assets in the bootstrap bucket, which only `cdk deploy` (cdk-assets) publishes.
/// AWS SAM Developer Guide, "AWS SAM CLI configuration file": [environment.command.parameters] tables, with
/// "global" for every command; `--config-env` picks the environment, "default" without it.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed partial class SamConfigTests(SynthesizedApp app)
{
    private static readonly string[] CommandsThatDeploy = ["deploy", "sync", "package", "build", "delete"];

    /// <summary>The [env.command.parameters] tables of the file and their key = "value" lines (all this file uses of TOML).</summary>
    private static Dictionary<(string Env, string Command), Dictionary<string, string>> Tables()
    {
        var tables = new Dictionary<(string, string), Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var raw in File.ReadAllLines(Path.Combine(RepoPaths.Root, "samconfig.toml")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (Table().Match(line) is { Success: true } t)
            {
                current = tables[(t.Groups[1].Value, t.Groups[2].Value)] = new Dictionary<string, string>(StringComparer.Ordinal);
                continue;
            }

            var pair = Pair().Match(line);
            pair.Success.Should().BeTrue($"samconfig.toml: '{line}' is a table header or key = \"value\"");
            if (current is not null) current[pair.Groups[1].Value] = pair.Groups[2].Value;
            else pair.Groups[1].Value.Should().Be("version");
        }

        return tables;
    }

    private static string StageOf(string env) => env == "default" ? "dev" : env;

    [Fact]
    public void SamConfig_WhenNamingAStack_ShouldNameTheCdkStackOfThatStage()
    {
        var tables = Tables();
        var stackNames = tables.Where(t => t.Value.ContainsKey("stack_name")).ToList();
        stackNames.Should().NotBeEmpty();
        foreach (var ((env, command), values) in stackNames)
        {
            var expected = HealthDwStack.NameOf(StageOf(env));
            values["stack_name"].Should().Be(expected, $"[{env}.{command}.parameters]");
            app.Templates.Keys.Should().Contain(expected, "the CDK app has that stack");
        }
    }

    [Fact]
    public void SamConfig_WhenNamingATemplate_ShouldNameTheOneCdkSynthWritesForThatStage()
    {
        foreach (var ((env, command), values) in Tables().Where(t => t.Value.ContainsKey("template_file")))
        {
            var stack = HealthDwStack.NameOf(StageOf(env));
            values["template_file"].Should().Be($"infra-cdk/cdk.out/{stack}.template.json", $"[{env}.{command}.parameters]");
        }
    }

    [Fact]
    public void SamConfig_WhenNamingARegion_ShouldBeTheStageRegion()
    {
        var stages = StageFile.Load(Path.Combine(RepoPaths.InfraCdk, "stages.json")).ToDictionary(s => s.Name);
        foreach (var ((env, _), values) in Tables().Where(t => t.Value.ContainsKey("region")))
            values["region"].Should().Be(stages[StageOf(env)].Region);
    }

    [Fact]
    public void SamConfig_WhenRead_ShouldHoldNoDeploySettings()
    {
        Tables().Keys.Select(k => k.Command).Should().NotContain(CommandsThatDeploy, "cdk deploy publishes the assets a CDK template names; sam deploy does not");
    }

    [GeneratedRegex(@"^\[([a-z0-9_-]+)\.([a-z0-9_]+)\.parameters\]$")]
    private static partial Regex Table();

    [GeneratedRegex("^([a-z_]+)\\s*=\\s*\"?([^\"]*)\"?$")]
    private static partial Regex Pair();
}
