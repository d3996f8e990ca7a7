using System.Text.Json.Nodes;
using HealthDw.Infra.Tests.Support;

namespace HealthDw.Infra.Tests.Security;

/// <summary>
/// The policies on the resources themselves (buckets, keys, queue, topic): who besides IAM roles may
/// use them. Each is listed whole, Allow and Deny, as "principal: effect action on resource [when …]".
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class ResourcePolicyTests(SynthesizedApp app)
{
    private const string Root = "{AWS: arn:aws:iam::${AWS::AccountId}:root}";
    private const string Everyone = "{AWS: *}";

    private static string[] DenyPlainHttpOn(string bucket) =>
    [
        $"{Everyone}: Deny s3:* on {bucket} when Bool aws:SecureTransport=false",
        $"{Everyone}: Deny s3:* on {bucket}/* when Bool aws:SecureTransport=false",
        $"{Everyone}: Deny s3:* on {bucket} when NumericLessThan s3:TlsVersion=1.2",
        $"{Everyone}: Deny s3:* on {bucket}/* when NumericLessThan s3:TlsVersion=1.2",
    ];

    public static TheoryData<string, string, string[]> Policies => new()
    {
        // The drop bucket grants nothing by its own policy: every read and write above comes from a role.
        { "AWS::S3::BucketPolicy", "DataBucketPolicy", DenyPlainHttpOn("DataBucket") },
        {
            "AWS::S3::BucketPolicy", "AccessLogBucketPolicy",
            [
                .. DenyPlainHttpOn("AccessLogBucket"),
                "{Service: logging.s3.amazonaws.com}: Allow s3:PutObject on AccessLogBucket/data-bucket/* " +
                "when ArnLike aws:SourceArn=DataBucket and StringEquals aws:SourceAccount=${AWS::AccountId}",
            ]
        },
        // A key policy's "*" resource is the key itself; the account root statement hands control to IAM (the AWS default).
        { "AWS::KMS::Key", "DataKey", [$"{Root}: Allow kms:* on *"] },
        {
            "AWS::KMS::Key", "AlarmTopicKey",
            [
                $"{Root}: Allow kms:* on *",
                "{Service: cloudwatch.amazonaws.com}: Allow kms:Decrypt on *",
                "{Service: cloudwatch.amazonaws.com}: Allow kms:GenerateDataKey on *",
            ]
        },
        {
            "AWS::SQS::QueuePolicy", "IngestEventsDeadLetterQueuePolicy",
            [
                $"{Everyone}: Deny sqs:* on IngestEventsDeadLetterQueue when Bool aws:SecureTransport=false",
                "{Service: events.amazonaws.com}: Allow sqs:SendMessage on IngestEventsDeadLetterQueue when ArnEquals aws:SourceArn=RawFileCreatedRule",
            ]
        },
        {
            "AWS::SNS::TopicPolicy", "AlarmTopicPolicy",
            [
                "{Service: cloudwatch.amazonaws.com}: Allow sns:Publish on AlarmTopic when StringEquals aws:SourceAccount=${AWS::AccountId} " +
                "and ArnLike aws:SourceArn=arn:aws:cloudwatch:us-east-1:${AWS::AccountId}:alarm:healthdw-dev-*",
                "*: Deny sns:Publish on AlarmTopic when Bool aws:SecureTransport=false",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void ResourcePolicy_WhenRead_ShouldHoldExactlyTheseStatements(string type, string name, string[] expected)
    {
        var properties = app.Dev.Properties(type, name);
        var document = properties["PolicyDocument"] ?? properties["KeyPolicy"];
        var statements = IamPolicies.OfDocument(document!, app.Dev.Resources).Select(p => $"{p.Principal}: {p.Effect} {p.Text}");
        statements.Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void Stack_WhenSynthesized_ShouldHaveNoOtherResourcePolicies()
    {
        var listed = Policies.Select(row => (string)row[1]).ToHashSet();
        foreach (var type in new[] { "AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::KMS::Key", "AWS::Lambda::Permission" })
        {
            app.Dev.OfType(type).Keys.Select(id => CfnText.Friendly(id, app.Dev.Resources)).Should().BeSubsetOf(listed, type);
        }
    }

    [Fact]
    public void AlarmTopicKey_WhenCreated_ShouldRotate()
    {
        app.Dev.Properties("AWS::KMS::Key", "AlarmTopicKey")["EnableKeyRotation"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void Statements_WhenAllowing_ShouldNeverNameTheAnonymousPrincipal()
    {
        var statements = app.Dev.Resources.SelectMany(p => StatementsIn(p.Value)).ToList();
        statements.Should().NotBeEmpty();
        statements.Where(s => s["Effect"]?.GetValue<string>() == "Allow")
            .Select(s => s["Principal"]?.ToJsonString())
            .Should().NotContain(["\"*\"", "{\"AWS\":\"*\"}"]);
    }

    private static IEnumerable<JsonObject> StatementsIn(JsonNode? node) => node switch
    {
        JsonObject o when o["Statement"] is JsonArray list => list.OfType<JsonObject>(),
        JsonObject o => o.SelectMany(p => StatementsIn(p.Value)),
        JsonArray a => a.SelectMany(StatementsIn),
        _ => [],
    };
}
