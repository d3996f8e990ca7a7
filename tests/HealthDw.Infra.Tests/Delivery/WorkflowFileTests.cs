using System.Text.RegularExpressions;
using HealthDw.Infra.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace HealthDw.Infra.Tests.Delivery;

/// <summary>
/// .github/workflows: CI runs the tests and keeps the package; deploy reaches AWS through OIDC only, every
/// action is pinned to a commit, and each workflow holds the least permissions it needs.
/// </summary>
public sealed partial class WorkflowFileTests
{
    // action                                   commit (a tag can be moved; a commit cannot)   release
    private static readonly Dictionary<string, (string Sha, string Version)> Pins = new()
    {
        ["actions/checkout"] = ("11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2"),
        ["actions/setup-dotnet"] = ("67a3573c9a986a3f9c594539f4ab511d57bb3ce9", "v4.3.1"),
        ["actions/setup-node"] = ("49933ea5288caeca8642d1e84afbd3f7d6820020", "v4.4.0"),
        ["actions/upload-artifact"] = ("ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2"),
        ["aws-actions/configure-aws-credentials"] = ("e3dd6a429d7300a6a4c196c26e071d42e0343502", "v4.0.2"),
    };

    public static TheoryData<string> Files => new("ci.yml", "deploy.yml");

    private static string Text(string file) => File.ReadAllText(Path.Combine(RepoPaths.Workflows, file));

    private static YamlMappingNode Load(string file)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(Text(file)));
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode workflow) =>
        Map(workflow, "jobs").Children.Values.Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>());

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static Dictionary<string, string> Permissions(YamlMappingNode map) =>
        Map(map, "permissions").Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);

    private static IEnumerable<YamlNode> AllNodes(YamlNode node) => node switch
    {
        YamlMappingNode m => new[] { node }.Concat(m.Children.SelectMany(p => AllNodes(p.Key).Concat(AllNodes(p.Value)))),
        YamlSequenceNode s => new[] { node }.Concat(s.Children.SelectMany(AllNodes)),
        _ => [node],
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Workflow_WhenUsingAnAction_ShouldPinItToAFullCommitShaWithItsVersionInAComment(string file)
    {
        var uses = Steps(Load(file)).Select(s => Scalar(s, "uses")).OfType<string>().ToList();
        uses.Should().NotBeEmpty();
        foreach (var use in uses)
        {
            use.Should().MatchRegex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$");
            var (action, sha) = (use.Split('@')[0], use.Split('@')[1]);
            Pins.Should().ContainKey(action);
            sha.Should().Be(Pins[action].Sha, $"{action} is pinned to {Pins[action].Version}");
        }

        foreach (var line in Text(file).Split('\n').Where(l => l.TrimStart().StartsWith("- uses:", StringComparison.Ordinal) || l.TrimStart().StartsWith("uses:", StringComparison.Ordinal)))
        {
            var action = UsesLine().Match(line).Groups[1].Value;
            line.Should().EndWith("# " + Pins[action].Version);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Workflow_WhenReachingAws_ShouldNeverUseLongLivedKeys(string file)
    {
        var keys = AllNodes(Load(file)).OfType<YamlMappingNode>().SelectMany(m => m.Children.Keys).OfType<YamlScalarNode>().Select(k => k.Value);
        keys.Should().NotContain(["aws-access-key-id", "aws-secret-access-key", "aws-session-token"]);
        Text(file).Should().NotContain("AWS_ACCESS_KEY_ID").And.NotContain("AWS_SECRET_ACCESS_KEY").And.NotContain("secrets.AWS");
    }

    [Fact]
    public void Ci_WhenRun_ShouldOnlyReadTheRepository()
    {
        var ci = Load("ci.yml");
        Permissions(ci).Should().Equal(new Dictionary<string, string> { ["contents"] = "read" });
        Map(ci, "jobs").Children.Values.Cast<YamlMappingNode>().Should().OnlyContain(job => !job.Children.ContainsKey(new YamlScalarNode("permissions")));
    }

    [Fact]
    public void Ci_WhenRun_ShouldTestKeepTheBootstrapZipAndSynthesize()
    {
        var steps = Steps(Load("ci.yml")).ToList();
        steps.Select(s => Scalar(s, "run")).Should().Contain("./test.sh");
        steps.Select(s => Scalar(s, "uses")).Should().Contain(u => u != null && u.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal))
            .And.Contain(u => u != null && u.StartsWith("actions/setup-node@", StringComparison.Ordinal));
        var node = steps.Single(s => Scalar(s, "uses")?.StartsWith("actions/setup-node@", StringComparison.Ordinal) == true);
        Scalar(Map(node, "with"), "node-version").Should().Be("20");
        steps.Where(s => Scalar(s, "uses")?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true)
            .Select(s => Scalar(Map(s, "with"), "path")).Should().Contain("artifacts/lambda/healthdw-lambda.zip");
        steps.Select(s => Scalar(s, "run")).Should().Contain(r => r != null && r.Contains("cdk synth", StringComparison.Ordinal));
    }

    [Fact]
    public void Deploy_WhenRun_ShouldHoldOnlyTheOidcTokenAndReadPermissions()
    {
        var deploy = Load("deploy.yml");
        Permissions(deploy).Should().Equal(new Dictionary<string, string> { ["id-token"] = "write", ["contents"] = "read" });
        Map(deploy, "jobs").Children.Values.Cast<YamlMappingNode>().Should().OnlyContain(job => !job.Children.ContainsKey(new YamlScalarNode("permissions")));
    }

    [Fact]
    public void Deploy_WhenTriggered_ShouldRunOnDispatchAndOnPushToMain()
    {
        var on = Map(Load("deploy.yml"), "on");
        on.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).Should().BeEquivalentTo("workflow_dispatch", "push");
        ((YamlSequenceNode)Map(on, "push").Children[new YamlScalarNode("branches")]).Children.OfType<YamlScalarNode>().Select(b => b.Value)
            .Should().Equal("main");
    }

    [Fact]
    public void Deploy_WhenGettingCredentials_ShouldAssumeTheRoleFromARepositoryVariable()
    {
        var steps = Steps(Load("deploy.yml")).ToList();
        var credentials = steps.Single(s => Scalar(s, "uses")?.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal) == true);
        Scalar(Map(credentials, "with"), "role-to-assume").Should().MatchRegex(@"^\$\{\{ vars\.[A-Z_]+ \}\}$");
        var deploy = steps.Select(s => Scalar(s, "run")).OfType<string>().Single(r => r.Contains("cdk deploy", StringComparison.Ordinal));
        deploy.Should().Contain("--require-approval never").And.Contain("-c stage=");
        steps.IndexOf(credentials).Should().BeGreaterThan(steps.FindIndex(s => Scalar(s, "run") == "./test.sh"),
            "credentials are fetched only once the tests have passed");
    }

    [GeneratedRegex(@"uses:\s*([^@\s]+)@")]
    private static partial Regex UsesLine();
}
