using HealthDw.Functions.Runtime;

namespace HealthDw.Lambda;

/// <summary>The function's configuration, read once at start-up from its environment (never secrets).</summary>
/// <param name="Bucket">The data bucket.</param>
/// <param name="S3Endpoint">Only for tests against an S3-protocol server; empty on AWS.</param>
/// <param name="BucketFolder">A folder as the bucket, for self-hosted runs and tests; empty on AWS.</param>
/// <param name="WarehouseConnection">A PostgreSQL connection string (tests and self-hosted warehouses).</param>
/// <param name="SlackSecretId">The Secrets Manager id of the Slack webhook URL; empty sends notifications to the log.</param>
/// <param name="ConsoleUrl">Prefix of the Step Functions console's execution page for the region.</param>
public sealed record LambdaSettings(string Bucket, string? S3Endpoint, string? BucketFolder, string? WarehouseConnection, string? SlackSecretId, string ConfigFolder,
    string ConsoleUrl)
{
    public static LambdaSettings From(IEnvironmentVariables env)
    {
        string? Optional(string name) => env.Get(name) is { Length: > 0 } v ? v : null;
        string Required(string name) => Optional(name) ?? throw new InvalidOperationException($"the function's environment has no {name}");
        var region = Optional("AWS_REGION") ?? "us-east-1";
        return new LambdaSettings(
            Required("HEALTHDW_BUCKET"),
            Optional("HEALTHDW_S3_ENDPOINT"),
            Optional("HEALTHDW_BUCKET_FOLDER"),
            Optional("HEALTHDW_WAREHOUSE"),
            Optional("HEALTHDW_SLACK_SECRET_ID"),
            Optional("HEALTHDW_CONFIG") ?? Path.Combine(AppContext.BaseDirectory, "warehouse"),
            $"https://{region}.console.aws.amazon.com/states/home?region={region}#/v2/executions/details/");
    }
}
