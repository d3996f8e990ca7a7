using Amazon.S3;
using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Core.Sql;
using HealthDw.Functions;
using HealthDw.Hosting.Configuration;
using HealthDw.Hosting.Notify;
using HealthDw.Hosting.Secrets;
using HealthDw.Storage;
using HealthDw.Storage.S3;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Hosting;

/// <summary>
/// The composition root of the house: the Lambda host, the CLI and the tests build the pipeline here, from the same switches
/// (<see cref="HealthDwOptions"/>), so every host runs the same step handlers over ports wired one way. The store, notifier and
/// secrets adapters are constructed here and nowhere else; each warehouse's in its switch (<see cref="WarehouseOptions"/>).
/// Commands that need one adapter alone (a bucket, an S3 client) take it from the factories below.
/// </summary>
public static class HealthDwHost
{
    /// <summary>The whole pipeline: configuration, store, secrets, notifier, warehouse (its schemas ensured when asked), the
    /// step ports and their handler table. A failure after the warehouse is open closes it again.</summary>
    public static async Task<HealthDwServices> BuildAsync(HealthDwOptions options, CancellationToken ct)
    {
        var (config, analytics) = ConfigFolder.LoadAll(options.ConfigFolder);
        var clock = options.Clock ?? new SystemClock();
        HttpClient? made = null;
        HttpClient Http() => options.Http ?? (made ??= new HttpClient { Timeout = TimeSpan.FromSeconds(15) });
        var store = Store(options.Store);
        var secrets = Secrets(options.Secrets, Http);
        var warehouse = await options.Warehouse.OpenAsync(new WarehouseContext(store, clock, secrets, Http), ct);
        try
        {
            if (options.EnsureSchema) await warehouse.Warehouse.EnsureSchemaAsync(config, ct);
            var (notifier, outbox) = await NotifierAsync(options.Notifier, secrets, Http, ct);
            var ports = new StepPorts(config, analytics, store, warehouse.Warehouse, warehouse.Loader ?? new StagingLoader(warehouse.Warehouse, store, clock),
                warehouse.Sql, warehouse.Statements ?? new BackgroundStatementRunner(warehouse.Sql), warehouse.Dialect, warehouse.CheckHistory,
                warehouse.AlertWindow, notifier, clock, options.ExecutionLink, options.LoadProgress, options.PublishProgress);
            return new HealthDwServices(ports, new StepHandlerTable(ports), secrets, outbox, warehouse.Owned);
        }
        catch
        {
            await warehouse.Owned.DisposeAsync();
            throw;
        }
    }

    /// <summary>The bucket: a folder, or S3 (through <paramref name="s3"/> when the caller holds a client, else a new one).</summary>
    public static IObjectStore Store(StoreOptions options, IAmazonS3? s3 = null) => options switch
    {
        FolderStoreOptions folder => new FolderObjectStore(folder.Root, folder.Bucket),
        S3StoreOptions bucket => new S3ObjectStore(s3 ?? S3Client(bucket), bucket.Bucket),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.GetType().Name, "no such store"),
    };

    /// <summary>An S3 client for the bucket: the SDK's chain, the region's endpoint, or the override (path-style, as an
    /// S3-protocol server wants).</summary>
    public static IAmazonS3 S3Client(S3StoreOptions options) => options switch
    {
        { Endpoint: { } endpoint } => new AmazonS3Client(new AmazonS3Config
        {
            ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = options.Region ?? "us-east-1",
        }),
        { Region: { } region } => new AmazonS3Client(Amazon.RegionEndpoint.GetBySystemName(region)),
        _ => new AmazonS3Client(),
    };

    /// <summary>Queries over a Snowflake client the caller configured itself (<c>doctor --aws</c>'s session).</summary>
    public static ISqlRunner SnowflakeSql(SnowflakeSqlClient client) => new SnowflakeSqlRunner(client);

    private static ISecrets Secrets(SecretsOptions options, Func<HttpClient> http) => options.Given ?? options.Source switch
    {
        SecretsSource.Environment => new EnvironmentSecrets(options.Environment),
        SecretsSource.LambdaExtension => new LambdaExtensionSecrets(http(), options.Environment),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Source, "no such secrets source"),
    };

    private static async Task<(INotifier Notifier, OutboxNotifier? Outbox)> NotifierAsync(NotifierOptions options, ISecrets secrets, Func<HttpClient> http,
        CancellationToken ct)
    {
        var outbox = options.OutboxFolder is { } folder ? new OutboxNotifier(folder) : null;
        INotifier fallback = outbox is null ? new LogNotifier(Console.Out) : outbox;
        if (options.SlackSecretId is not { } slackId || (options.SlackOnlyIfSecretExists && !await HasSecretAsync(secrets, slackId, ct)))
            return (fallback, outbox);
        var slack = new SlackWebhookNotifier(http(), secrets, slackId, Task.Delay);
        return (outbox is null ? slack : new FanOutNotifier([slack, outbox]), outbox);
    }

    private static async Task<bool> HasSecretAsync(ISecrets secrets, string id, CancellationToken ct)
    {
        try
        {
            await secrets.GetAsync(id, ct);
            return true;
        }
        catch (SecretNotFoundException)
        {
            return false;
        }
    }
}
