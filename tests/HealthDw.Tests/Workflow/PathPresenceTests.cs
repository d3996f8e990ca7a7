using System.Collections.Immutable;
using System.Text.Json.Nodes;
using HealthDw.Functions;
using HealthDw.Tests.Support;
using static HealthDw.Tests.Workflow.PathPresence;

namespace HealthDw.Tests.Workflow;

/// <summary>
/// The definitions never rely on catching a path fault: on Step Functions a Parameters, ResultSelector, Choice or
/// Fail path that matches nothing is States.Runtime, which no Catcher catches, States.ALL included
/// (Developer Guide, "Handling errors in Step Functions workflows"). Every path read must be present on every route.
/// </summary>
public class PathPresenceTests
{
    private static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "statemachine", name)))!.AsObject();

    /// <summary>The input contracts: ingest-file gets the EventBridge event whole; publish-drop gets its drop id
    /// (from Start Publish Drop, or from a person starting it again).</summary>
    private static Shape InputOf(string name) => name switch
    {
        "ingest-file.asl.json" => Opaque.Value,
        "publish-drop.asl.json" => new ObjShape(ImmutableSortedDictionary<string, Shape>.Empty.Add("dropId", Opaque.Value)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no input contract"),
    };

    [Theory]
    [InlineData("ingest-file.asl.json")]
    [InlineData("publish-drop.asl.json")]
    public void EveryPathRead_ShouldBePresentOnEveryRouteIntoItsState(string name) =>
        Problems(Load(name), InputOf(name)).Should().BeEmpty();

    [Fact]
    public void StepResults_ShouldCoverEveryStepHandler()
    {
        var handlers = typeof(StepHandlerTable).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!);
        StepResults.Keys.Should().BeEquivalentTo(handlers);
    }

    [Fact]
    public void PublishPhaseResults_ShouldCoverEveryPublishPhase() =>
        PublishPhaseResults.Keys.Should().BeEquivalentTo(HealthDw.Functions.Steps.PublishDropHandler.Phases);

    [Fact]
    public void Problems_WhenAFailStateReadsTheOptionalCauseOfACaughtError_ShouldReportIt()
    {
        var definition = JsonNode.Parse("""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "${NotifyFunctionArn}", "Payload.$": "$"},
                    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.failure", "Next": "F"}], "End": true},
              "F": {"Type": "Fail", "Error": "E", "CausePath": "States.Format('{}: {}', $.failure.Error, $.failure.Cause)"}}}
            """)!.AsObject();

        Problems(definition, Opaque.Value).Should().ContainSingle().Which.Should().Contain("$.failure.Cause");
    }

    [Fact]
    public void Problems_WhenOnlyOneRouteSetsAField_ShouldReportTheRead()
    {
        var definition = JsonNode.Parse("""
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "StringEquals": "x", "Next": "Set"}], "Default": "Read"},
              "Set": {"Type": "Pass", "Result": 1, "ResultPath": "$.b", "Next": "Read"},
              "Read": {"Type": "Pass", "Parameters": {"v.$": "$.b"}, "End": true}}}
            """)!.AsObject();
        var input = new ObjShape(ImmutableSortedDictionary<string, Shape>.Empty.Add("a", Opaque.Value));

        Problems(definition, input).Should().ContainSingle().Which.Should().Contain("Read: Parameters.v.$ reads $.b");
    }

    [Fact]
    public void Problems_WhenAStepResultPropertyIsNullable_ShouldNotLookBelowIt()
    {
        var definition = JsonNode.Parse("""
            {"StartAt": "Route", "States": {
              "Route": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName": "${RouteFileFunctionArn}", "Payload.$": "$"},
                        "ResultSelector": {"result.$": "$.Payload"}, "ResultPath": "$.route", "Next": "Read"},
              "Read": {"Type": "Pass", "Parameters": {"file.$": "$.route.result.file.key", "status.$": "$.route.result.verdict.status"}, "End": true}}}
            """)!.AsObject();

        Problems(definition, Opaque.Value).Should().ContainSingle().Which.Should().Contain("$.route.result.verdict.status");
    }
}
