using System.Text.Json;
using Amazon.S3;
using HealthDw.Cli.Commands;
using HealthDw.Hosting;

namespace HealthDw.Cli.Doctor;

/// <summary>
/// A deployed stage's drop bucket as the commands that reach it from a person's machine (<c>doctor --aws</c>,
/// <c>replay --aws</c>) find it: the bucket from <c>--bucket</c> or the stack's outputs (<c>cdk deploy --outputs-file FILE</c>,
/// <c>DataBucketName</c>), the region from <c>AWS_REGION</c> or <c>stages.&lt;stage&gt;.region</c>, an endpoint override from
/// <c>HEALTHDW_S3_ENDPOINT</c> (a local S3), and AWS credentials from the SDK's usual chain.
/// </summary>
/// <param name="Outputs">The stack's outputs, when an outputs file was given (e.g. <c>IngestFileConsoleUrl</c>).</param>
public sealed record AwsStageBucket(string Stage, string Bucket, string? S3Endpoint, string Region, IReadOnlyDictionary<string, string> Outputs)
{
    public static AwsStageBucket Resolve(string stage, string stagesFile, string? outputsFile, string? bucket, Func<string, string?> env)
    {
        string? Env(string name) => env(name) is { Length: > 0 } v ? v : null;
        using var stages = ReadStages(stagesFile);
        var entry = StageEntry(stages, stage, stagesFile);
        var outputs = ReadOutputs(outputsFile, stage);
        var bucketName = bucket ?? outputs.GetValueOrDefault("DataBucketName")
            ?? throw new UsageException("no bucket: pass --outputs FILE (written by cdk deploy --outputs-file FILE) or --bucket NAME");
        var region = Env("AWS_REGION") ?? (entry.TryGetProperty("region", out var r) ? r.GetString() : null) ?? "us-east-1";
        return new AwsStageBucket(stage, bucketName, Env("HEALTHDW_S3_ENDPOINT"), region, outputs);
    }

    /// <summary>The stages file (<c>infra-cdk/stages.json</c>); the caller disposes it.</summary>
    public static JsonDocument ReadStages(string stagesFile) => File.Exists(stagesFile)
        ? JsonDocument.Parse(File.ReadAllText(stagesFile))
        : throw new UsageException($"no {stagesFile}: run from the repository, or pass --stages FILE");

    public static JsonElement StageEntry(JsonDocument stages, string stage, string stagesFile) =>
        stages.RootElement.GetProperty("stages").TryGetProperty(stage, out var entry)
            ? entry
            : throw new UsageException($"{stagesFile} has no stage '{stage}'");

    /// <summary>An S3 client for the bucket: the region's endpoint, or the override (path-style, as a local S3 wants).</summary>
    public IAmazonS3 CreateS3Client() => HealthDwHost.S3Client(StoreOptions);

    /// <summary>The bucket as the composition root's store switch.</summary>
    public S3StoreOptions StoreOptions => new(Bucket, S3Endpoint, Region);

    /// <summary>The stack's outputs from <c>cdk deploy --outputs-file</c>: <c>{"HealthDw-&lt;stage&gt;": {"DataBucketName": ...}}</c>.</summary>
    private static Dictionary<string, string> ReadOutputs(string? file, string stage)
    {
        if (file is null)
            return [];
        if (!File.Exists(file))
            throw new UsageException($"no such outputs file: {file} (cdk deploy HealthDw-{stage} --outputs-file {file} writes it)");
        using var outputs = JsonDocument.Parse(File.ReadAllText(file));
        if (!outputs.RootElement.TryGetProperty($"HealthDw-{stage}", out var stack))
            throw new UsageException($"{file} has no outputs of stack HealthDw-{stage}");
        return stack.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }
}
