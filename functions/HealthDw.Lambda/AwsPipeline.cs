using HealthDw.Functions;
using HealthDw.Functions.Runtime;
using HealthDw.Hosting;
using Handler = System.Func<System.ReadOnlyMemory<byte>, HealthDw.Functions.Runtime.InvocationContext, System.Threading.CancellationToken,
    System.Threading.Tasks.Task<byte[]>>;

namespace HealthDw.Lambda;

/// <summary>
/// The Lambda host: its switches of the house's one composition root (<see cref="HealthDwHost"/>), read from the
/// function's environment and built once at init; then the same step handlers the local CLI runs, by their
/// <c>_HANDLER</c> names, with a log line and load metrics around each.
/// </summary>
public static class AwsPipeline
{
    public static async Task<IReadOnlyDictionary<string, Handler>> HandlersAsync(IEnvironmentVariables env, HttpClient http, CancellationToken ct)
    {
        var services = await HealthDwHost.BuildAsync(Options(LambdaSettings.From(env), env, http), ct);
        var steps = services.Steps;
        var metrics = new EmbeddedMetricWriter(Console.Out, TimeProvider.System);
        return steps.Handlers.ToDictionary(p => p.Key, p => (Handler)(async (input, context, token) =>
        {
            var output = await p.Value(input, token);
            Console.Out.WriteLine(StepLogLine.Write(p.Key, context.RequestId, input.Span, output, DateTimeOffset.UtcNow));
            if (p.Key is StepHandlerTable.LoadToStaging or StepHandlerTable.LoadStatus) WriteLoadMetrics(metrics, p.Key, output);
            return output;
        }));
    }

    /// <summary>
    /// The Lambda's switches: a folder or S3 as the bucket; a PostgreSQL warehouse (self-hosted runs and the end-to-end tests of
    /// this package, whose publish statements run in the background of this process: a warm environment answers the polls) or
    /// Snowflake (whose statement handles outlive any environment); secrets through the Parameters and Secrets extension;
    /// Slack when a webhook secret is configured, else the log.
    /// </summary>
    public static HealthDwOptions Options(LambdaSettings settings, IEnvironmentVariables env, HttpClient http) => new(
        settings.ConfigFolder,
        settings.BucketFolder is { } folder
            ? new FolderStoreOptions(folder, settings.Bucket)
            : new S3StoreOptions(settings.Bucket, settings.S3Endpoint, settings.S3Endpoint is null ? null : env.Get("AWS_REGION") ?? "us-east-1"),
        settings.WarehouseConnection is { } connection ? new PostgresWarehouseOptions(connection) : new SnowflakeWarehouseOptions(env),
        new NotifierOptions(OutboxFolder: null, settings.SlackSecretId),
        new SecretsOptions(SecretsSource.LambdaExtension, env))
    {
        EnsureSchema = settings.WarehouseConnection is not null && env.Get("HEALTHDW_ENSURE_SCHEMA") == "true",
        ExecutionLink = id => id is null ? null : settings.ConsoleUrl + id,
        Http = http,
    };

    /// <summary>CloudWatch metrics of a finished load: rows and bytes (counts only).</summary>
    private static void WriteLoadMetrics(EmbeddedMetricWriter metrics, string step, byte[] output)
    {
        using var result = System.Text.Json.JsonDocument.Parse(output);
        var root = result.RootElement;
        if (root.GetProperty("status").GetString() != "loaded") return;
        metrics.Write(step,
            new MetricValue("RowsLoaded", MetricUnit.Count, root.GetProperty("rows").GetDouble()),
            new MetricValue("BytesLoaded", MetricUnit.Bytes, root.GetProperty("bytes").GetDouble()),
            new MetricValue("LoadMilliseconds", MetricUnit.Milliseconds, root.GetProperty("durationMs").GetDouble()));
    }
}
