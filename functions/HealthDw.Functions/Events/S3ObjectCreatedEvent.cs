using System.Text.Json.Serialization;

namespace HealthDw.Functions.Events;

/// <summary>The EventBridge event S3 sends for "Object Created" (the fields the pipeline reads).</summary>
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

    /// <summary>Builds the event S3 would send for a key (the local bucket's twin of a real upload).</summary>
    public static S3ObjectCreatedEvent For(string bucket, string key, long size, string etag, string? versionId, DateTimeOffset time, string id) =>
        new("0", id, ObjectCreated, "aws.s3", "000000000000", time, "local", [$"arn:aws:s3:::{bucket}"],
            new S3EventDetail("0", new S3Bucket(bucket), new S3Object(Encode(key), size, etag, versionId, null), null, null, null, "PutObject"));

    /// <summary>S3 event keys are URL-encoded, with '+' for a space.</summary>
    public static string Decode(string key) => Uri.UnescapeDataString(key.Replace('+', ' '));

    public static string Encode(string key) =>
        string.Join('/', key.Split('/').Select(s => Uri.EscapeDataString(s).Replace("%20", "+", StringComparison.Ordinal)));
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
