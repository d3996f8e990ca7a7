namespace HealthDw.Hosting;

/// <summary>An S3 bucket.</summary>
/// <param name="Endpoint">An S3-protocol server instead of AWS (tests, a local S3): path-style requests.</param>
/// <param name="Region">The bucket's region; null leaves it to the SDK's chain (the Lambda's <c>AWS_REGION</c>). With an
/// endpoint it is the signing region (us-east-1 when null).</param>
public sealed record S3StoreOptions(string Bucket, string? Endpoint = null, string? Region = null) : StoreOptions(Bucket);
