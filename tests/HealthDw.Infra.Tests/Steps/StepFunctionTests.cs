using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using HealthDw.Infra.Tests.Support;
using static HealthDw.Infra.Tests.Support.Json;

namespace HealthDw.Infra.Tests.Steps;

/// <summary>One function per step of the bootstrap package, sized per step, with ids (never secrets) in its environment.</summary>
[Collection(InfraCollection.Name)]
public sealed class StepFunctionTests(SynthesizedApp app)
{
    private const string Function = "AWS::Lambda::Function";

    private sealed record Step(int MemoryMb, int TimeoutSeconds, int? ReservedConcurrency, string Reaches);

    // handler                          memory  timeout  reserved (dev)  what it talks to besides its logs
    private static readonly Dictionary<string, Step> Table = new()
    {
        ["route-file"] = new(256, 30, null, "nothing"),
        ["validate-file"] = new(512, 120, null, "s3 snowflake"),
        ["load-to-staging"] = new(1024, 900, 2, "s3 snowflake"),
        ["load-status"] = new(512, 900, 2, "snowflake"),
        ["archive-file"] = new(1769, 900, null, "s3 snowflake"), // one vCPU: it may hash a multi-GB source
        ["drop-status"] = new(512, 120, null, "s3 snowflake"),
        ["notify"] = new(256, 120, null, "slack snowflake"),
        ["publish-drop"] = new(1024, 900, 1, "snowflake"),
    };

    public static TheoryData<string> Steps => new(Table.Keys);

    [Fact]
    public void Stack_WhenSynthesized_ShouldHaveOneFunctionPerStep()
    {
        var handlers = app.Dev.OfType(Function).Values.Select(f => f["Properties"]!["Handler"]!.GetValue<string>());
        handlers.Should().BeEquivalentTo(Table.Keys);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Function_WhenDeployed_ShouldRunTheBootstrapStepWithItsSize(string handler)
    {
        var (memory, timeout, reserved, _) = Table[handler];
        app.Dev.Template.HasResourceProperties(Function, Like(
            ("FunctionName", "healthdw-dev-" + handler),
            ("Handler", handler),
            ("Runtime", "provided.al2023"),
            ("Architectures", Arr("x86_64")),
            ("MemorySize", memory),
            ("Timeout", timeout),
            ("ReservedConcurrentExecutions", reserved is { } r ? r : Match.Absent()),
            ("TracingConfig", Obj(("Mode", "Active"))),
            ("Code", Obj(("S3Bucket", Match.AnyValue()), ("S3Key", Match.StringLikeRegexp("^[0-9a-f]{64}\\.zip$"))))));
    }

    [Fact]
    public void Functions_WhenPackaged_ShouldShipTheZipThatBuildLambdaLeaves()
    {
        // A file asset (packaging "file") is the zip itself; the stand-in package would be a folder zipped by the CDK.
        var assets = JsonNode.Parse(File.ReadAllText(Path.Combine(app.Outdir, "HealthDw-dev.assets.json")))!["files"]!.AsObject();
        var code = assets.Select(a => a.Value!["source"]!).Where(s => s["path"]!.GetValue<string>().EndsWith(".zip", StringComparison.Ordinal)).ToList();
        code.Should().ContainSingle().Which["packaging"]!.GetValue<string>().Should().Be("file");
        var staged = Path.Combine(app.Outdir, code[0]["path"]!.GetValue<string>());
        new FileInfo(staged).Length.Should().Be(new FileInfo(Path.Combine(RepoPaths.Root, "artifacts", "lambda", "healthdw-lambda.zip")).Length);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Function_WhenStarted_ShouldLoadTheParametersAndSecretsExtensionOfTheRegion(string handler)
    {
        using var cdkJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.InfraCdk, "cdk.json")));
        var layer = cdkJson.RootElement.GetProperty("context").GetProperty("healthdw:paramsAndSecretsLayerArns").GetProperty("us-east-1").GetString()!;
        app.Dev.Template.HasResourceProperties(Function, Like(("Handler", handler), ("Layers", Arr(layer))));
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Function_WhenLogging_ShouldWriteToItsOwnLogGroupWithTheStageRetention(string handler)
    {
        var id = Pascal(handler);
        app.Dev.Template.HasResourceProperties(Function, Like(("Handler", handler), ("LoggingConfig", Obj(("LogGroup", Ids.Ref(id + "LogGroup"))))));
        app.Dev.Template.HasResourceProperties("AWS::Logs::LogGroup", Obj(("LogGroupName", "/aws/lambda/healthdw-dev-" + handler), ("RetentionInDays", 30)));
        app.Prod.Template.HasResourceProperties("AWS::Logs::LogGroup", Obj(("LogGroupName", "/aws/lambda/healthdw-prod-" + handler), ("RetentionInDays", 365)));
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Function_WhenConfigured_ShouldGetIdsAndNamesButNoSecretValue(string handler)
    {
        var reaches = Table[handler].Reaches;
        var variables = Environment(handler);
        var expected = new List<string> { "HEALTHDW_BUCKET", "HEALTHDW_STAGE" };
        if (reaches.Contains("slack", StringComparison.Ordinal)) expected.Add("HEALTHDW_SLACK_SECRET_ID");
        if (reaches.Contains("snowflake", StringComparison.Ordinal))
        {
            expected.AddRange(["HEALTHDW_SNOWFLAKE_KEY_SECRET_ID", "HEALTHDW_SNOWFLAKE_ACCOUNT", "HEALTHDW_SNOWFLAKE_USER", "HEALTHDW_SNOWFLAKE_ROLE",
                "HEALTHDW_SNOWFLAKE_WAREHOUSE", "HEALTHDW_SNOWFLAKE_DATABASE", "HEALTHDW_SNOWFLAKE_STAGE"]);
        }

        variables.Keys.Where(k => k.StartsWith("HEALTHDW_", StringComparison.Ordinal)).Should().BeEquivalentTo(expected);
        variables["HEALTHDW_BUCKET"].Should().Be("DataBucket");
        if (expected.Contains("HEALTHDW_SNOWFLAKE_KEY_SECRET_ID")) variables["HEALTHDW_SNOWFLAKE_KEY_SECRET_ID"].Should().Be("SnowflakeKeySecret", "the id (ARN), not the value");
        if (expected.Contains("HEALTHDW_SLACK_SECRET_ID")) variables["HEALTHDW_SLACK_SECRET_ID"].Should().Be("SlackWebhookSecret");
        variables.Should().ContainKey("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT").WhoseValue.Should().Be("2773");
        variables.Values.Should().NotContain(v => v.Contains("PRIVATE KEY", StringComparison.Ordinal) || v.Contains("hooks.slack.com", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Function_WhenAssumingItsRole_ShouldUseARoleOfItsOwnWithoutManagedPolicies(string handler)
    {
        var id = Pascal(handler);
        app.Dev.Template.HasResourceProperties(Function, Like(("Handler", handler), ("Role", Ids.Arn(id + "Role"))));
        var role = app.Dev.Properties("AWS::IAM::Role", id + "Role");
        role.ContainsKey("ManagedPolicyArns").Should().BeFalse("AWSLambdaBasicExecutionRole allows logs on every log group");
        role["AssumeRolePolicyDocument"]!.ToJsonString().Should().Contain("lambda.amazonaws.com");
    }

    private Dictionary<string, string> Environment(string handler)
    {
        var function = app.Dev.OfType(Function).Values.Single(f => f["Properties"]!["Handler"]!.GetValue<string>() == handler);
        return function["Properties"]!["Environment"]!["Variables"]!.AsObject()
            .ToDictionary(p => p.Key, p => CfnText.Render(p.Value, app.Dev.Resources));
    }

    private static string Pascal(string handler) => string.Concat(handler.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
