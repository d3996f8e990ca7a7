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
    // Each commit is the one its release tag names in the action's repository (checked 2026-12-06 against the
    // stored snapshots of those repositories); each release is the newest of its current major there.
    private static readonly Dictionary<string, (string Sha, string Version)> Pins = new()
    {
        ["actions/checkout"] = ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
        ["actions/setup-dotnet"] = ("a98b56852c35b8e3190ac28c8c2271da59106c68", "v6.0.0"),
        ["actions/setup-node"] = ("820762786026740c76f36085b0efc47a31fe5020", "v7.0.0"),
        ["actions/upload-artifact"] = ("bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0"),
        ["actions/download-artifact"] = ("3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1"),
        ["aws-actions/configure-aws-credentials"] = ("e6de054238d6b7531b4efff3b6587d9aade6a06c", "v6.2.3"),
    };

    /// <summary>The current major of every action (the runners' node24 actions); an older major fails here.</summary>
    private static readonly Dictionary<string, int> CurrentMajor = new()
    {
        ["actions/checkout"] = 7,
        ["actions/setup-dotnet"] = 6,
        ["actions/setup-node"] = 7,
        ["actions/upload-artifact"] = 7,
        ["actions/download-artifact"] = 8,
        ["aws-actions/configure-aws-credentials"] = 6,
    };

    private const string ProdOnlyFromMain = "${{ (inputs.stage || 'dev') != 'prod' || github.ref == 'refs/heads/main' }}";
    private const string StageEnvironment = "${{ inputs.stage || 'dev' }}";

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

    [Fact]
    public void Pins_WhenListed_ShouldBeTheCurrentMajorOfEveryAction()
    {
        Pins.Keys.Should().BeEquivalentTo(CurrentMajor.Keys);
        foreach (var (action, (_, version)) in Pins)
        {
            version.Should().MatchRegex(@"^v\d+\.\d+\.\d+$");
            int.Parse(version[1..version.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)
                .Should().Be(CurrentMajor[action], action);
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

    private static Dictionary<string, YamlMappingNode> Jobs(YamlMappingNode workflow) =>
        Map(workflow, "jobs").Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => (YamlMappingNode)p.Value);

    private static List<YamlMappingNode> StepsOf(YamlMappingNode job) =>
        ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>().ToList();

    private static bool UsesCredentials(YamlMappingNode job) =>
        StepsOf(job).Any(s => Scalar(s, "uses")?.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal) == true);

    /// <summary>A job's own permissions, or the workflow's when it declares none (GitHub's rule).</summary>
    private static Dictionary<string, string> EffectivePermissions(YamlMappingNode workflow, YamlMappingNode job) =>
        job.Children.ContainsKey(new YamlScalarNode("permissions")) ? Permissions(job) : Permissions(workflow);

    private static IReadOnlyList<string> Needs(YamlMappingNode job) =>
        !job.Children.TryGetValue(new YamlScalarNode("needs"), out var needs) ? []
        : needs is YamlSequenceNode list ? list.Children.OfType<YamlScalarNode>().Select(n => n.Value!).ToList()
        : [((YamlScalarNode)needs).Value!];

    /// <summary>Every job a job waits for, directly or through another.</summary>
    private static HashSet<string> Upstream(Dictionary<string, YamlMappingNode> jobs, string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(Needs(jobs[name]));
        while (queue.TryDequeue(out var next))
        {
            if (seen.Add(next)) foreach (var n in Needs(jobs[next])) queue.Enqueue(n);
        }

        return seen;
    }

    [Fact]
    public void Deploy_WhenRun_ShouldReadTheRepositoryAndGiveTheOidcTokenOnlyToTheJobsThatReachAws()
    {
        var deploy = Load("deploy.yml");
        Permissions(deploy).Should().Equal(new Dictionary<string, string> { ["contents"] = "read" });
        foreach (var (name, job) in Jobs(deploy))
        {
            var expected = UsesCredentials(job)
                ? new Dictionary<string, string> { ["id-token"] = "write", ["contents"] = "read" }
                : new Dictionary<string, string> { ["contents"] = "read" };
            EffectivePermissions(deploy, job).Should().Equal(expected, name);
        }
    }

    /// <summary>
    /// GitHub Docs, "About security hardening with OpenID Connect": a job can request an OIDC token only with
    /// id-token: write. The tests run the app, npm packages and test servers: none of it may reach the deploy role.
    /// </summary>
    [Fact]
    public void Deploy_WhenTesting_ShouldRunInAJobThatCannotGetAnIdToken()
    {
        var deploy = Load("deploy.yml");
        var testing = Jobs(deploy).Where(j => StepsOf(j.Value).Any(s => Scalar(s, "run") == "./test.sh")).ToList();
        testing.Should().ContainSingle();
        var job = testing[0].Value;
        EffectivePermissions(deploy, job).Should().NotContainKey("id-token");
        UsesCredentials(job).Should().BeFalse();
    }

    [Fact]
    public void Deploy_WhenDeploying_ShouldFirstWriteTheCdkDiffToTheStepSummary()
    {
        var jobs = Jobs(Load("deploy.yml"));
        var deploying = jobs.Where(j => StepsOf(j.Value).Any(s => Scalar(s, "run")?.Contains("cdk deploy", StringComparison.Ordinal) == true)).ToList();
        deploying.Should().ContainSingle();
        var diffing = jobs.Where(j => StepsOf(j.Value).Any(s => Scalar(s, "run")?.Contains("cdk diff", StringComparison.Ordinal) == true)).ToList();
        diffing.Should().ContainSingle();
        Upstream(jobs, deploying[0].Key).Should().Contain(diffing[0].Key, "the diff is written before anything is deployed");

        var diff = StepsOf(diffing[0].Value).Select(s => Scalar(s, "run")).OfType<string>().Single(r => r.Contains("cdk diff", StringComparison.Ordinal));
        diff.Should().Contain(">> \"$GITHUB_STEP_SUMMARY\"", "the diff is in the run's summary for the reviewer")
            .And.Contain("set -o pipefail", "a failed diff fails the job, and so stops the deploy");

        // Both use the cloud assembly the tested commit produced, so what is deployed is what was diffed.
        var assembly = jobs.Values.SelectMany(StepsOf).Where(s => Scalar(s, "uses")?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true)
            .Single(s => Scalar(Map(s, "with"), "name") == "cloud-assembly");
        Scalar(Map(assembly, "with"), "path").Should().Be("artifacts/cdk.out");
        foreach (var job in new[] { diffing[0].Value, deploying[0].Value })
        {
            StepsOf(job).Should().Contain(s => Scalar(s, "uses") != null && Scalar(s, "uses")!.StartsWith("actions/download-artifact@", StringComparison.Ordinal)
                && Scalar(Map(s, "with"), "name") == "cloud-assembly");
            StepsOf(job).Select(s => Scalar(s, "run")).OfType<string>().Where(r => r.Contains("cdk ", StringComparison.Ordinal))
                .Should().OnlyContain(r => r.Contains("--app ../artifacts/cdk.out", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Deploy_WhenTheStageIsProd_ShouldRunOnlyFromMainInTheStageEnvironment()
    {
        var jobs = Jobs(Load("deploy.yml"));
        var credentialed = jobs.Values.Where(UsesCredentials).ToList();
        credentialed.Should().HaveCount(2);
        foreach (var job in credentialed)
        {
            Scalar(job, "if").Should().Be(ProdOnlyFromMain);
            Scalar(job, "environment").Should().Be(StageEnvironment, "prod's environment also limits its deployment branches to main");
        }
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
    public void Deploy_WhenGettingCredentials_ShouldAssumeTheRoleFromARepositoryVariableAfterTheTests()
    {
        var jobs = Jobs(Load("deploy.yml"));
        var testJob = jobs.Single(j => StepsOf(j.Value).Any(s => Scalar(s, "run") == "./test.sh")).Key;
        foreach (var (name, job) in jobs.Where(j => UsesCredentials(j.Value)))
        {
            var credentials = StepsOf(job).Single(s => Scalar(s, "uses")?.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal) == true);
            Scalar(Map(credentials, "with"), "role-to-assume").Should().MatchRegex(@"^\$\{\{ vars\.[A-Z_]+ \}\}$");
            Upstream(jobs, name).Should().Contain(testJob, "credentials are fetched only once the tests have passed");
            // setup-node's README: no dependency cache in a workflow with elevated privileges.
            var node = StepsOf(job).Single(s => Scalar(s, "uses")?.StartsWith("actions/setup-node@", StringComparison.Ordinal) == true);
            Scalar(Map(node, "with"), "package-manager-cache").Should().Be("false");
            Scalar(Map(node, "with"), "cache").Should().BeNull();
            StepsOf(job).Select(s => Scalar(s, "run")).OfType<string>().Where(r => r.StartsWith("npm ", StringComparison.Ordinal))
                .Should().OnlyContain(r => r.Contains("--ignore-scripts", StringComparison.Ordinal), "no install script runs beside the credentials");
        }

        var deploy = jobs.Values.SelectMany(StepsOf).Select(s => Scalar(s, "run")).OfType<string>().Single(r => r.Contains("cdk deploy", StringComparison.Ordinal));
        deploy.Should().Contain("--require-approval never").And.Contain("\"HealthDw-${STAGE}\"");
    }

    [GeneratedRegex(@"uses:\s*([^@\s]+)@")]
    private static partial Regex UsesLine();
}
