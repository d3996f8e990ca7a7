using Amazon.S3;
using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Core.Sql;
using HealthDw.Functions;
using HealthDw.Functions.Configuration;
using HealthDw.Functions.Notify;
using HealthDw.Functions.Runtime;
using HealthDw.Functions.Secrets;
using HealthDw.Storage;
using HealthDw.Storage.S3;
using HealthDw.Warehouse.Postgres;
using HealthDw.Warehouse.Snowflake;
using Handler = System.Func<System.ReadOnlyMemory<byte>, HealthDw.Functions.Runtime.InvocationContext, System.Threading.CancellationToken,
    System.Threading.Tasks.Task<byte[]>>;

namespace HealthDw.Lambda;

/// <summary>
/// The composition root of the Lambda host: configuration from the package, S3, the warehouse,
/// secrets through the Parameters and Secrets extension, Slack, all built once at init; then the
/// same step handlers the local CLI runs, by their <c>_HANDLER</c> names.
/// </summary>
public static class AwsPipeline
{
    public static async Task<IReadOnlyDictionary<string, Handler>> HandlersAsync(IEnvironmentVariables env, HttpClient http, CancellationToken ct)
    {
        var settings = LambdaSettings.From(env);
        var (config, analytics) = ConfigFolder.LoadAll(settings.ConfigFolder);
        IObjectStore store = settings.BucketFolder is { } folder
            ? new FolderObjectStore(folder, settings.Bucket)
            : new S3ObjectStore(settings.S3Endpoint is null
                ? new AmazonS3Client()
                : new AmazonS3Client(new AmazonS3Config
                {
                    ServiceURL = settings.S3Endpoint, ForcePathStyle = true, AuthenticationRegion = env.Get("AWS_REGION") ?? "us-east-1",
                }), settings.Bucket);
        var clock = new SystemClock();
        ISecrets secrets = new LambdaExtensionSecrets(http, env);
        INotifier notifier = settings.SlackSecretId is { } slackId
            ? new SlackWebhookNotifier(http, secrets, slackId, Task.Delay)
            : new LogNotifier(Console.Out);

        Func<string?, string?> link = id => id is null ? null : settings.ConsoleUrl + id;
        StepPorts ports;
        if (settings.WarehouseConnection is { } connection)
        {
            // A PostgreSQL warehouse: self-hosted runs and the end-to-end tests of this package.
            var warehouse = PostgresWarehouse.Connect(connection);
            if (env.Get("HEALTHDW_ENSURE_SCHEMA") == "true") await warehouse.EnsureSchemaAsync(config, ct);
            // Its publish statements run in the background of this process: a warm environment answers the polls (the
            // package's end-to-end tests); Snowflake's handles below outlive any environment.
            var sql = new PostgresSqlRunner(warehouse.DataSource);
            ports = new StepPorts(config, analytics, store, warehouse, new StagingLoader(warehouse, store, clock),
                sql, new BackgroundStatementRunner(sql), new PostgresDialect(), new PostgresCheckHistory(warehouse.DataSource),
                new PostgresAlertWindow(warehouse.DataSource), notifier, clock, link);
        }
        else
        {
            // Snowflake through the SQL API v2, with the key pair from Secrets Manager, connected on first use (the
            // extension answers only during an invocation). The files reach Snowflake through the external stage, never
            // through this function; schema changes belong to the deployment (warehouse/snowflake/setup.sql).
            var snowflake = new DeferredSnowflake(env, http, secrets, store, clock);
            ports = new StepPorts(config, analytics, store, snowflake.Warehouse, snowflake.Loader, snowflake.Sql, snowflake.Statements, new SnowflakeDialect(),
                snowflake.History, snowflake.Alerts, notifier, clock, link);
        }

        var steps = new StepHandlerTable(ports);
        var metrics = new EmbeddedMetricWriter(Console.Out, TimeProvider.System);
        return steps.Handlers.ToDictionary(p => p.Key, p => (Handler)(async (input, context, token) =>
        {
            var output = await p.Value(input, token);
            Console.Out.WriteLine(StepLogLine.Write(p.Key, context.RequestId, input.Span, output, DateTimeOffset.UtcNow));
            if (p.Key is StepHandlerTable.LoadToStaging or StepHandlerTable.LoadStatus) WriteLoadMetrics(metrics, p.Key, output);
            return output;
        }));
    }

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
