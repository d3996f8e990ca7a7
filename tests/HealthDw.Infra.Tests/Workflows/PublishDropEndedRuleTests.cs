using Amazon.CDK.Assertions;
using HealthDw.Infra.Tests.Support;
using static HealthDw.Infra.Tests.Support.Json;

namespace HealthDw.Infra.Tests.Workflows;

/// <summary>
/// A publish-drop execution that is stopped, times out or fails where no Catch runs ends its attempt in the record through
/// Step Functions' "Step Functions Execution Status Change" event (source aws.states; detail: executionArn, stateMachineArn,
/// name, status, input as a string): https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-integration.html and
/// https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html. The target's input is made by an input transformer
/// (InputPathsMap and InputTemplate: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html);
/// a Lambda target needs a resource-based policy for events.amazonaws.com
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html).
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class PublishDropEndedRuleTests(SynthesizedApp app)
{
    private readonly Template _dev = app.Dev.Template;

    [Fact]
    public void Rule_WhenMatching_ShouldTakeOnlyPublishDropExecutionsThatWereStoppedTimedOutOrFailed()
    {
        _dev.HasResourceProperties("AWS::Events::Rule", Like(
            ("Name", "healthdw-dev-publish-drop-ended"),
            ("State", "ENABLED"),
            ("EventPattern", Obj(
                ("source", Arr("aws.states")),
                ("detail-type", Arr("Step Functions Execution Status Change")),
                ("detail", Obj(
                    ("status", Arr("ABORTED", "TIMED_OUT", "FAILED")),
                    ("stateMachineArn", Arr(Ids.Ref("PublishDropWorkflow")))))))));
    }

    [Fact]
    public void Rule_WhenTargeting_ShouldInvokePublishDropsRecordFailurePhaseWithTheExecutionArnRetriesAndADeadLetterQueue()
    {
        _dev.HasResourceProperties("AWS::Events::Rule", Like(
            ("Name", "healthdw-dev-publish-drop-ended"),
            ("Targets", Arr(Obj(
                ("Id", Match.AnyValue()),
                ("Arn", Ids.Arn("PublishDropFunction")),
                ("InputTransformer", Obj(
                    ("InputPathsMap", Obj(("detail-executionArn", "$.detail.executionArn"))),
                    ("InputTemplate", "{\"phase\":\"record-failure\",\"executionId\":<detail-executionArn>}"))),
                ("DeadLetterConfig", Obj(("Arn", Ids.Arn("IngestEventsDeadLetterQueue")))),
                ("RetryPolicy", Obj(("MaximumRetryAttempts", 185), ("MaximumEventAgeInSeconds", 86400))))))));
    }

    [Fact]
    public void Function_WhenTheRuleInvokesIt_ShouldAllowEventBridgeFromThatRuleOnly()
    {
        _dev.HasResourceProperties("AWS::Lambda::Permission", Obj(
            ("Action", "lambda:InvokeFunction"),
            ("FunctionName", Ids.Arn("PublishDropFunction")),
            ("Principal", "events.amazonaws.com"),
            ("SourceArn", Ids.Arn("PublishDropEndedRule"))));
    }
}
