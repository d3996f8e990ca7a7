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

    private const string Vendor = "{AWS: VendorUploaderArn}";

    /// <summary>
    /// S3 API Reference, PutObject: "If you specify x-amz-server-side-encryption:aws:kms ... but do not provide
    /// x-amz-server-side-encryption-aws-kms-key-id, Amazon S3 uses the AWS managed key (aws/s3)". Hence two denies:
    /// another key named, or an encryption header without the data key. No header at all: the bucket default applies.
    /// </summary>
    private static readonly string[] VendorAndKeyStatements =
    [
        $"{Everyone}: Deny s3:PutObject on DataBucket/* when StringNotEqualsIfExists s3:x-amz-server-side-encryption-aws-kms-key-id=DataKey",
        $"{Everyone}: Deny s3:PutObject on DataBucket/* when Null s3:x-amz-server-side-encryption=false and Null s3:x-amz-server-side-encryption-aws-kms-key-id=true",
        $"{Vendor}: Allow s3:PutObject on DataBucket/raw_files/* if VendorUploaderGiven",
        $"{Vendor}: Deny not s3:PutObject on DataBucket if VendorUploaderGiven",
        $"{Vendor}: Deny not s3:PutObject on DataBucket/* if VendorUploaderGiven",
        $"{Vendor}: Deny s3:PutObject on not DataBucket/raw_files/* if VendorUploaderGiven",
    ];

    public static TheoryData<string, string, string[]> Policies => new()
    {
        // The drop bucket grants the vendor's uploader (once VendorUploaderArn is set) PutObject on raw_files/* and
        // nothing else; everything the steps do comes from their roles. No upload may pick another key.
        {
            "AWS::S3::BucketPolicy", "DataBucketPolicy",
            [
                .. DenyPlainHttpOn("DataBucket"),
                .. VendorAndKeyStatements,
            ]
        },
        {
            "AWS::S3::BucketPolicy", "AccessLogBucketPolicy",
            [
                .. DenyPlainHttpOn("AccessLogBucket"),
                "{Service: logging.s3.amazonaws.com}: Allow s3:PutObject on AccessLogBucket/data-bucket/* " +
                "when ArnLike aws:SourceArn=DataBucket and StringEquals aws:SourceAccount=${AWS::AccountId}",
            ]
        },
        // A key policy's "*" resource is the key itself; the account root statement hands control to IAM (the AWS default).
        {
            "AWS::KMS::Key", "DataKey",
            [
                $"{Root}: Allow kms:* on *",
                // S3 User Guide, "Multipart upload API and permissions": GenerateDataKey to start, Decrypt for the parts.
                $"{Vendor}: Allow kms:GenerateDataKey on * when StringEquals kms:ViaService=s3.us-east-1.amazonaws.com if VendorUploaderGiven",
                $"{Vendor}: Allow kms:Decrypt on * when StringEquals kms:ViaService=s3.us-east-1.amazonaws.com if VendorUploaderGiven",
            ]
        },
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
                "{Service: events.amazonaws.com}: Allow sqs:SendMessage on IngestEventsDeadLetterQueue when ArnEquals aws:SourceArn=PublishDropEndedRule",
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
        // The one Lambda permission: events.amazonaws.com from the publish-drop-ended rule (PublishDropEndedRuleTests).
        listed.Add("PublishDropEndedRuleAllowEventRuleHealthDwdevPublishDropFunction3A8957F1");
        foreach (var type in new[] { "AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::KMS::Key", "AWS::Lambda::Permission" })
        {
            app.Dev.OfType(type).Keys.Select(id => CfnText.Friendly(id, app.Dev.Resources)).Should().BeSubsetOf(listed, type);
        }
    }

    [Fact]
    public void VendorUploader_WhenNotGiven_ShouldLeaveEveryVendorStatementOut()
    {
        app.Dev.Template.HasParameter("VendorUploaderArn", Json.Like(("Type", "String"), ("Default", "")));
        app.Dev.Template.HasCondition("VendorUploaderGiven",
            Json.Obj(("Fn::Not", Json.Arr(Json.Obj(("Fn::Equals", Json.Arr(Json.Obj(("Ref", "VendorUploaderArn")), "")))))));
        // Each vendor statement is {"Fn::If": ["VendorUploaderGiven", statement, {"Ref": "AWS::NoValue"}]}: an empty principal would void the policy.
        var mentions = app.Dev.Resources.ToJsonString().Split("\"Ref\":\"VendorUploaderArn\"").Length - 1;
        var wrapped = app.Dev.Resources.SelectMany(r => StatementLists(r.Value)).SelectMany(list => list)
            .OfType<JsonObject>().Where(s => s["Fn::If"] is JsonArray a && a[0]!.GetValue<string>() == "VendorUploaderGiven"
                && a[2]!["Ref"]!.GetValue<string>() == "AWS::NoValue" && a[1]!.ToJsonString().Contains("VendorUploaderArn", StringComparison.Ordinal))
            .Count();
        wrapped.Should().Be(4);
        mentions.Should().Be(wrapped, "VendorUploaderArn appears nowhere but in those conditional statements");
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/vendor-uploader", true)]
    [InlineData("arn:aws:iam::123456789012:user/acme-sftp", true)]
    [InlineData("", true)]
    [InlineData("arn:aws:iam::123456789012:root", false)] // a Deny naming this account's root would deny the stack's own roles
    [InlineData("123456789012", false)]
    public void VendorUploader_WhenGiven_ShouldBeAUserOrRoleArn(string value, bool allowed)
    {
        var pattern = app.Dev.Root["Parameters"]!["VendorUploaderArn"]!["AllowedPattern"]!.GetValue<string>();
        System.Text.RegularExpressions.Regex.IsMatch(value, pattern).Should().Be(allowed);
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

    private static IEnumerable<JsonArray> StatementLists(JsonNode? node) => node switch
    {
        JsonObject o when o["Statement"] is JsonArray list => [list],
        JsonObject o => o.SelectMany(p => StatementLists(p.Value)),
        JsonArray a => a.SelectMany(StatementLists),
        _ => [],
    };

    private static IEnumerable<JsonObject> StatementsIn(JsonNode? node) => node switch
    {
        JsonObject o when o["Statement"] is JsonArray list => list.OfType<JsonObject>(),
        JsonObject o => o.SelectMany(p => StatementsIn(p.Value)),
        JsonArray a => a.SelectMany(StatementsIn),
        _ => [],
    };
}
