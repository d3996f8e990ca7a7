using Amazon.Runtime;
using Amazon.S3;
using HealthDw.Cloud.Tests.Support;
using HealthDw.Core.Doctor;
using HealthDw.Storage.S3;

namespace HealthDw.Cloud.Tests.Storage;

/// <summary>
/// The doctor's bucket check through AWSSDK.S3 against a stub of GetBucketNotificationConfiguration (s3rver 3.7.1 answers
/// <c>GET /bucket?notification</c> with NotImplemented). The stub answers as the S3 API Reference documents it: a
/// NotificationConfiguration whose EventBridgeConfiguration element is present when delivery to EventBridge is on and
/// absent when it is off ("If this element is empty, notifications are turned off"), and NoSuchBucket as a 404 error.
/// </summary>
public sealed class S3BucketCheckTests
{
    private const string Bucket = "healthdw-dev-data";

    private const string EventBridgeOn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><EventBridgeConfiguration></EventBridgeConfiguration></NotificationConfiguration>
        """;

    private const string QueueOnly = """
        <?xml version="1.0" encoding="UTF-8"?>
        <NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><QueueConfiguration><Id>q</Id><Queue>arn:aws:sqs:us-east-1:111122223333:q</Queue><Event>s3:ObjectCreated:*</Event></QueueConfiguration></NotificationConfiguration>
        """;

    [Fact]
    public async Task RunAsync_WhenTheBucketSendsItsEventsToEventBridge_ShouldPass()
    {
        await using var s3 = Stub(EventBridgeOn);

        var finding = await Check(s3).RunAsync(CancellationToken.None);

        finding.Status.Should().Be(DoctorStatus.Ok, finding.Detail);
        s3.Requests.Should().ContainSingle(r => IsGetNotification(r));
    }

    [Theory]
    [InlineData(QueueOnly)]
    [InlineData("""<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>""")]
    public async Task RunAsync_WhenEventBridgeDeliveryIsOff_ShouldFailWithHowToTurnItOn(string configuration)
    {
        await using var s3 = Stub(configuration);

        var finding = await Check(s3).RunAsync(CancellationToken.None);

        finding.Status.Should().Be(DoctorStatus.Fail);
        finding.Detail.Should().Contain("does not send its events to EventBridge");
        finding.Fix.Should().Contain("EventBridgeConfiguration");
    }

    [Fact]
    public async Task RunAsync_WhenThereIsNoSuchBucket_ShouldFailWithWhereTheNameComesFrom()
    {
        await using var s3 = new LoopbackHttpServer((_, _) => Task.FromResult(StubResponse.Text(404,
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>{Bucket}</BucketName></Error>",
            new Dictionary<string, string> { ["Content-Type"] = "application/xml" })));

        var finding = await Check(s3).RunAsync(CancellationToken.None);

        finding.Status.Should().Be(DoctorStatus.Fail);
        finding.Detail.Should().Be($"there is no bucket {Bucket}");
        finding.Fix.Should().Contain("DataBucketName");
    }

    /// <summary>Answers only the call the check makes; anything else is a 400 the check would report.</summary>
    private static LoopbackHttpServer Stub(string configuration) => new((request, _) => Task.FromResult(
        IsGetNotification(request)
            ? StubResponse.Text(200, configuration, new Dictionary<string, string> { ["Content-Type"] = "application/xml" })
            : StubResponse.Text(400, "<Error><Code>InvalidRequest</Code><Message>not the notification configuration</Message></Error>")));

    /// <summary><c>GET /{bucket}?notification</c> (path style; the SDK writes the bucket's path with a trailing slash).</summary>
    private static bool IsGetNotification(RecordedRequest request) =>
        request.Method == "GET" && request.Path.TrimEnd('/') == $"/{Bucket}" && request.Query.TrimStart('?') == "notification";

    private static S3BucketCheck Check(LoopbackHttpServer server) => new(new AmazonS3Client(new BasicAWSCredentials("test", "test"),
        new AmazonS3Config { ServiceURL = $"http://{server.HostAndPort}", ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 }), Bucket);
}
