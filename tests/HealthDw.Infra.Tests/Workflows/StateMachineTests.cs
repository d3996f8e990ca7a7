using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.CDK.Assertions;
using HealthDw.Infra.Tests.Support;
using static HealthDw.Infra.Tests.Support.Json;

namespace HealthDw.Infra.Tests.Workflows;

/// <summary>The two Standard state machines are statemachine/*.asl.json as written, every placeholder bound to the right resource.</summary>
[Collection(InfraCollection.Name)]
public sealed partial class StateMachineTests(SynthesizedApp app)
{
    private const string StateMachine = "AWS::StepFunctions::StateMachine";

    // placeholder in the ASL            → what it must resolve to in the stack
    public static readonly Dictionary<string, string> Bindings = new()
    {
        ["RouteFileFunctionArn"] = "function route-file",
        ["ValidateFileFunctionArn"] = "function validate-file",
        ["LoadToStagingFunctionArn"] = "function load-to-staging",
        ["LoadStatusFunctionArn"] = "function load-status",
        ["ArchiveFileFunctionArn"] = "function archive-file",
        ["DropStatusFunctionArn"] = "function drop-status",
        ["NotifyFunctionArn"] = "function notify",
        ["PublishDropFunctionArn"] = "function publish-drop",
        ["PublishDropStateMachineArn"] = "state machine healthdw-dev-publish-drop",
    };

    public static TheoryData<string> Machines => new("ingest-file", "publish-drop");

    [Theory]
    [MemberData(nameof(Machines))]
    public void StateMachine_WhenDeployed_ShouldBeStandardAndRunTheAslFileAsWritten(string name)
    {
        var machine = Machine(name);
        machine["StateMachineType"]!.GetValue<string>().Should().Be("STANDARD");
        machine["DefinitionString"]!.GetValue<string>().Should().Be(File.ReadAllText(RepoPaths.StateMachine(name)),
            "the deployed definition is the file the local interpreter runs: one source of truth");
    }

    [Theory]
    [MemberData(nameof(Machines))]
    public void StateMachine_WhenLogging_ShouldLogErrorsWithoutExecutionDataAndTrace(string name)
    {
        var id = Pascal(name) + "Workflow";
        app.Dev.Template.HasResourceProperties(StateMachine, Like(
            ("StateMachineName", "healthdw-dev-" + name),
            ("LoggingConfiguration", Obj(
                ("Level", "ERROR"),
                ("IncludeExecutionData", false), // execution input and output may name patients' files; never in logs
                ("Destinations", Arr(Obj(("CloudWatchLogsLogGroup", Obj(("LogGroupArn", Ids.Arn(id + "Logs"))))))))),
            ("TracingConfiguration", Obj(("Enabled", true)))));
        app.Dev.Template.HasResourceProperties("AWS::Logs::LogGroup",
            Obj(("LogGroupName", "/aws/vendedlogs/states/healthdw-dev-" + name), ("RetentionInDays", 30)));
    }

    [Theory]
    [MemberData(nameof(Machines))]
    public void Definition_WhenDeployed_ShouldHaveASubstitutionForEveryPlaceholderAndNoOther(string name)
    {
        var machine = Machine(name);
        var used = PlaceholderPattern().Matches(machine["DefinitionString"]!.GetValue<string>()).Select(m => m.Groups[1].Value).ToHashSet();
        used.Should().NotBeEmpty();
        used.Should().BeSubsetOf(Bindings.Keys, "every placeholder of the ASL needs a row in the binding table");
        machine["DefinitionSubstitutions"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(used);
    }

    [Theory]
    [MemberData(nameof(Machines))]
    public void Definition_WhenSubstituted_ShouldNameTheRightFunctionOrStateMachineInEveryTask(string name)
    {
        var machine = Machine(name);
        var substitutions = machine["DefinitionSubstitutions"]!.AsObject();
        var states = JsonNode.Parse(machine["DefinitionString"]!.GetValue<string>())!["States"]!.AsObject();
        var tasks = states.Where(s => s.Value!["Type"]!.GetValue<string>() == "Task").ToList();
        tasks.Should().NotBeEmpty();
        foreach (var (state, task) in tasks)
        {
            var parameters = task!["Parameters"]!;
            var target = (parameters["FunctionName"] ?? parameters["StateMachineArn"])!.GetValue<string>();
            var placeholder = PlaceholderPattern().Match(target).Groups[1].Value;
            Resolve(substitutions[placeholder]).Should().Be(Bindings[placeholder], $"task '{state}' of {name} calls ${{{placeholder}}}");
        }
    }

    [Fact]
    public void IngestFile_WhenStartingPublishDrop_ShouldStartOnlyThePublishDropStateMachine()
    {
        var starts = IamPolicies.Of(app.Dev).Where(p => p.Action.StartsWith("states:", StringComparison.Ordinal)).ToList();
        starts.Should().BeEquivalentTo(new[]
        {
            new Permission("IngestFileWorkflowRole", "Allow", "states:StartExecution", "PublishDropWorkflow", ""),
            new Permission("IngestFileWorkflowEventsRole", "Allow", "states:StartExecution", "IngestFileWorkflow", ""),
        });
    }

    /// <summary>"function route-file" for a function's ARN, "state machine NAME" for a state machine's.</summary>
    private string Resolve(JsonNode? value)
    {
        var resources = app.Dev.Resources;
        var id = value!["Fn::GetAtt"] is JsonArray getAtt ? getAtt[0]!.GetValue<string>() : value["Ref"]!.GetValue<string>();
        var resource = resources[id]!;
        return resource["Type"]!.GetValue<string>() switch
        {
            "AWS::Lambda::Function" when value["Fn::GetAtt"]?[1]?.GetValue<string>() == "Arn" => "function " + resource["Properties"]!["Handler"],
            StateMachine when value["Ref"] is not null => "state machine " + resource["Properties"]!["StateMachineName"],
            var type => $"{type} {id} (not a function ARN or a state machine ARN)",
        };
    }

    private JsonObject Machine(string name) =>
        app.Dev.OfType(StateMachine).Values.Single(m => m["Properties"]!["StateMachineName"]!.GetValue<string>() == "healthdw-dev-" + name)["Properties"]!
            .AsObject();

    private static string Pascal(string name) => string.Concat(name.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}")]
    private static partial Regex PlaceholderPattern();
}
