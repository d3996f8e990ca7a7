using System.Text.Json.Serialization;

namespace HealthDw.Functions.Events;

/// <summary>The EventBridge event S3 sends for "Object Created" (the fields the pipeline reads). Its
/// <c>detail.object.key</c> is the key as it is: unlike S3 event notifications to Lambda, SQS or SNS, which URL-encode
/// keys ('+' for a space), the EventBridge event does not encode them (S3 User Guide, "EventBridge event message
/// structure"; a captured event carries "raw/health-check/2023-08-08T14:03:40.532432.zip" with its colons).
/// Decoding it would turn a real '+' into a space and "%41" into "A": a key that names no object.</summary>
public sealed record S3ObjectCreatedEvent(
    string Version,
    string Id,
    [property: JsonPropertyName("detail-type")] string DetailType,
    string Source,
    string? Account,
    DateTimeOffset Time,
    string? Region,
    IReadOnlyList<string>? Resources,
    S3EventDetail Detail)
{
    public const string ObjectCreated = "Object Created";

    /// <summary>Builds the event S3 would send to EventBridge for a key (the local bucket's twin of a real upload): the key unencoded.</summary>
    public static S3ObjectCreatedEvent For(string bucket, string key, long size, string etag, string? versionId, DateTimeOffset time, string id) =>
        new("0", id, ObjectCreated, "aws.s3", "000000000000", time, "local", [$"arn:aws:s3:::{bucket}"],
            new S3EventDetail("0", new S3Bucket(bucket), new S3Object(key, size, etag, versionId, null), null, null, null, "PutObject"));

}

public sealed record S3EventDetail(
    string Version,
    S3Bucket Bucket,
    S3Object Object,
    [property: JsonPropertyName("request-id")] string? RequestId,
    string? Requester,
    [property: JsonPropertyName("source-ip-address")] string? SourceIpAddress,
    string? Reason);

public sealed record S3Bucket(string Name);

public sealed record S3Object(
    string Key,
    long Size,
    string? Etag,
    [property: JsonPropertyName("version-id")] string? VersionId,
    string? Sequencer);
