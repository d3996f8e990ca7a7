using Amazon.S3;
using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Functions;
using HealthDw.Functions.Configuration;
using HealthDw.Functions.Notify;
using HealthDw.Functions.Runtime;
using HealthDw.Functions.Secrets;
using HealthDw.Storage;
using HealthDw.Storage.S3;
using HealthDw.Warehouse.Postgres;
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

        var connection = settings.WarehouseConnection
            ?? throw new InvalidOperationException("HEALTHDW_WAREHOUSE is not set: the Snowflake warehouse is not wired into the bootstrap yet");
        var warehouse = PostgresWarehouse.Connect(connection);
        // Schema changes belong to the deployment (see README, Deploy), not to every cold start;
        // a self-hosted or test warehouse can ask for them here.
        if (env.Get("HEALTHDW_ENSURE_SCHEMA") == "true") await warehouse.EnsureSchemaAsync(config, ct);
        var ports = new StepPorts(config, analytics, store, warehouse, new StagingLoader(warehouse, store, clock),
            new PostgresSqlRunner(warehouse.DataSource), new PostgresDialect(), new PostgresCheckHistory(warehouse.DataSource),
            new PostgresAlertWindow(warehouse.DataSource), notifier, clock, id => id is null ? null : settings.ConsoleUrl + id);
        var steps = new StepHandlerTable(ports);
        return steps.Handlers.ToDictionary(p => p.Key, p => (Handler)((input, _, token) => p.Value(input, token)));
    }
}
