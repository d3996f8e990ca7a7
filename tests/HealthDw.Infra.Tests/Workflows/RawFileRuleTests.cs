using Amazon.CDK.Assertions;
using HealthDw.Infra.Tests.Support;
using static HealthDw.Infra.Tests.Support.Json;

namespace HealthDw.Infra.Tests.Workflows;

/// <summary>An object created under raw_files/ of the drop bucket starts ingest-file with the EventBridge event as its input.</summary>
[Collection(InfraCollection.Name)]
public sealed class RawFileRuleTests(SynthesizedApp app)
{
    private readonly Template _dev = app.Dev.Template;

    [Fact]
    public void Rule_WhenMatching_ShouldTakeOnlyObjectCreatedUnderRawFilesOfTheDropBucket()
    {
        _dev.HasResourceProperties("AWS::Events::Rule", Like(
            ("State", "ENABLED"),
            ("EventPattern", Obj(
                ("source", Arr("aws.s3")),
                ("detail-type", Arr("Object Created")),
                ("detail", Obj(
                    ("bucket", Obj(("name", Arr(Ids.Ref("DataBucket"))))),
                    ("object", Obj(("key", Arr(Obj(("prefix", "raw_files/"))))))))))));
    }

    [Fact]
    public void Rule_WhenTargeting_ShouldStartIngestFileWithTheWholeEventRetriesAndADeadLetterQueue()
    {
        _dev.HasResourceProperties("AWS::Events::Rule", Like(("Targets", Arr(Obj(
            ("Id", Match.AnyValue()),
            ("Arn", Ids.Ref("IngestFileWorkflow")),
            ("RoleArn", Ids.Arn("IngestFileWorkflowEventsRole")),
            ("DeadLetterConfig", Obj(("Arn", Ids.Arn("IngestEventsDeadLetterQueue")))),
            ("RetryPolicy", Obj(("MaximumRetryAttempts", 185), ("MaximumEventAgeInSeconds", 86400))))))));
        // Obj (not Like) above: no Input, InputPath or InputTransformer, so the first task gets the event unchanged.
    }

    [Fact]
    public void DeadLetterQueue_WhenHoldingEvents_ShouldBeEncryptedAndKeepThemTwoWeeks()
    {
        _dev.HasResourceProperties("AWS::SQS::Queue", Obj(
            ("QueueName", "healthdw-dev-ingest-events-dlq"),
            ("SqsManagedSseEnabled", true),
            ("MessageRetentionPeriod", 14 * 24 * 3600),
            ("Tags", Match.AnyValue())));
    }
}
