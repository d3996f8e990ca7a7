using Amazon.CDK.Assertions;
using HealthDw.Infra.Configuration;
using HealthDw.Infra.Tests.Support;
using static HealthDw.Infra.Tests.Support.Json;

namespace HealthDw.Infra.Tests.Storage;

[Collection(InfraCollection.Name)]
public sealed class DataBucketTests(SynthesizedApp app)
{
    private const string Bucket = "AWS::S3::Bucket";
    private readonly Template _dev = app.Dev.Template;

    private static StageSettings Stage(string name) =>
        StageFile.Load(Path.Combine(RepoPaths.InfraCdk, "stages.json")).Single(s => s.Name == name);

    [Fact]
    public void DataBucket_WhenWritten_ShouldEncryptWithTheCustomerManagedKeyAndBucketKeys()
    {
        _dev.HasResourceProperties(Bucket, Like(("BucketEncryption", Obj(("ServerSideEncryptionConfiguration", Arr(Obj(
            ("BucketKeyEnabled", true),
            ("ServerSideEncryptionByDefault", Obj(("SSEAlgorithm", "aws:kms"), ("KMSMasterKeyID", Ids.Arn("DataKey")))))))))));
    }

    [Fact]
    public void DataKey_WhenCreated_ShouldRotateAndBeRetained()
    {
        _dev.HasResource("AWS::KMS::Key", Like(
            ("Properties", Like(("EnableKeyRotation", true), ("Description", Match.StringLikeRegexp("drop bucket")))),
            ("DeletionPolicy", "Retain")));
        _dev.HasResourceProperties("AWS::KMS::Alias", Obj(("AliasName", "alias/healthdw-dev-data"), ("TargetKeyId", Ids.Arn("DataKey"))));
    }

    [Fact]
    public void DataBucket_WhenCreated_ShouldBlockPublicAccessEnforceOwnershipAndKeepVersions()
    {
        _dev.HasResourceProperties(Bucket, Like(
            ("PublicAccessBlockConfiguration", Obj(("BlockPublicAcls", true), ("BlockPublicPolicy", true), ("IgnorePublicAcls", true),
                ("RestrictPublicBuckets", true))),
            ("OwnershipControls", Obj(("Rules", Arr(Obj(("ObjectOwnership", "BucketOwnerEnforced")))))),
            ("VersioningConfiguration", Obj(("Status", "Enabled"))),
            ("BucketEncryption", Match.AnyValue()),
            ("LoggingConfiguration", Match.AnyValue())));
    }

    [Fact]
    public void DataBucket_WhenReachedOverPlainHttp_ShouldDenyEverything()
    {
        _dev.HasResourceProperties("AWS::S3::BucketPolicy", Obj(
            ("Bucket", Ids.Ref("DataBucket")),
            ("PolicyDocument", Like(("Statement", Match.ArrayWith(Arr(Like(
                ("Effect", "Deny"), ("Action", "s3:*"), ("Principal", Obj(("AWS", "*"))),
                ("Condition", Obj(("Bool", Obj(("aws:SecureTransport", "false"))))),
                ("Resource", Arr(Ids.Arn("DataBucket"), Obj(("Fn::Join", Arr("", Arr(Ids.Arn("DataBucket"), "/*"))))))))))))));
    }

    [Fact]
    public void DataBucket_WhenAnObjectIsCreated_ShouldTellEventBridgeWithoutACustomResource()
    {
        _dev.HasResourceProperties(Bucket, Like(
            ("NotificationConfiguration", Obj(("EventBridgeConfiguration", Obj(("EventBridgeEnabled", true)))))));
        // eventBridgeEnabled on the L2 bucket would add a notification handler Lambda allowed s3:PutBucketNotification on "*".
        _dev.ResourceCountIs("Custom::S3BucketNotifications", 0);
        _dev.ResourceCountIs("AWS::Lambda::Function", app.Dev.OfType("AWS::Lambda::Function").Count);
        app.Dev.OfType("AWS::Lambda::Function").Keys.Should().OnlyContain(id => !id.StartsWith("BucketNotificationsHandler", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void DataBucket_WhenFilesAge_ShouldTransitionAndExpireArchivesAsTheStageSays(string stageName)
    {
        var lifecycle = Stage(stageName).Lifecycle;
        var template = app.Templates["HealthDw-" + stageName].Template;
        template.HasResourceProperties(Bucket, Like(("LifecycleConfiguration", Obj(("Rules", Arr(
            Obj(("Id", "archive-processed"), ("Prefix", "processed/"), ("Status", "Enabled"),
                ("Transitions", Arr(Obj(("StorageClass", "STANDARD_IA"), ("TransitionInDays", lifecycle.TransitionDays)))),
                ("ExpirationInDays", lifecycle.ProcessedExpirationDays)),
            Obj(("Id", "archive-error-files"), ("Prefix", "error_files/"), ("Status", "Enabled"),
                ("Transitions", Arr(Obj(("StorageClass", "STANDARD_IA"), ("TransitionInDays", lifecycle.TransitionDays)))),
                ("ExpirationInDays", lifecycle.ErrorFilesExpirationDays)),
            Obj(("Id", "expire-noncurrent-versions"), ("Status", "Enabled"),
                ("NoncurrentVersionExpiration", Obj(("NoncurrentDays", lifecycle.NoncurrentVersionExpirationDays))),
                ("ExpiredObjectDeleteMarker", true),
                ("AbortIncompleteMultipartUpload", Obj(("DaysAfterInitiation", 2))))))))));
    }

    [Fact]
    public void DataBucket_WhenAccessed_ShouldLogToTheSeparateLogBucket()
    {
        _dev.HasResourceProperties(Bucket, Like(
            ("LoggingConfiguration", Obj(("DestinationBucketName", Ids.Ref("AccessLogBucket")), ("LogFilePrefix", "data-bucket/")))));
    }

    [Fact]
    public void AccessLogBucket_WhenCreated_ShouldBePrivateSseS3AndExpireLogs()
    {
        var days = Stage("dev").Lifecycle.AccessLogExpirationDays;
        var log = app.Dev.Properties(Bucket, "AccessLogBucket");
        log["BucketEncryption"]!.ToJsonString().Should().Contain("\"SSEAlgorithm\":\"AES256\"", "server access logs cannot target an SSE-KMS bucket");
        log["PublicAccessBlockConfiguration"]!.ToJsonString().Should().NotContain("false");
        log["LifecycleConfiguration"]!.ToJsonString().Should().Contain($"\"ExpirationInDays\":{days}");
        log.ContainsKey("LoggingConfiguration").Should().BeFalse("the log bucket does not log itself");
    }

    [Fact]
    public void AccessLogBucket_WhenALogIsOverwrittenOrDeleted_ShouldKeepTheOldVersionForAWhile()
    {
        var log = app.Dev.Properties(Bucket, "AccessLogBucket");
        log["VersioningConfiguration"]!["Status"]!.GetValue<string>().Should().Be("Enabled");
        var days = Stage("dev").Lifecycle.NoncurrentVersionExpirationDays;
        log["LifecycleConfiguration"]!.ToJsonString().Should().Contain($"\"NoncurrentVersionExpiration\":{{\"NoncurrentDays\":{days}}}")
            .And.Contain("\"ExpiredObjectDeleteMarker\":true");
    }

    [Fact]
    public void Buckets_WhenTheStackIsDeleted_ShouldBeRetained()
    {
        foreach (var (id, bucket) in app.Dev.OfType(Bucket))
        {
            bucket["DeletionPolicy"]!.GetValue<string>().Should().Be("Retain", $"{id} holds PHI or evidence");
        }
    }
}
