using HealthDw.Core.Configuration;
using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;
using HealthDw.Core.Sql;
using HealthDw.Functions;
using HealthDw.Functions.Configuration;
using HealthDw.Functions.Notify;
using HealthDw.Functions.Runtime;
using HealthDw.Functions.Secrets;
using HealthDw.Functions.Steps;
using HealthDw.Storage;
using HealthDw.Warehouse.Local;
using HealthDw.Warehouse.Postgres;

namespace HealthDw.Cli.Local;

/// <summary>
/// The composition root of the local host: configuration, the folder bucket, the PostgreSQL
/// warehouse and the step handlers wired over them. Tests build it the same way.
/// </summary>
public sealed class LocalPipeline : IAsyncDisposable
{
    public const string RawPrefix = "raw_files/";

    private LocalPipeline(PipelineConfig config, AnalyticsProject analytics, FolderObjectStore store, PostgresWarehouse warehouse, IClock clock,
        OutboxNotifier outbox, INotifier notifier)
    {
        Outbox = outbox;
        Analytics = analytics;
        Sql = new PostgresSqlRunner(warehouse.DataSource);
        Dialect = new PostgresDialect();
        Config = config;
        Store = store;
        Warehouse = warehouse;
        Clock = clock;
        Notifier = notifier;
        Statements = new BackgroundStatementRunner(Sql);
        Steps = new StepHandlerTable(new StepPorts(config, analytics, store, warehouse, new StagingLoader(warehouse, store, clock), Sql, Statements,
            Dialect, new PostgresCheckHistory(warehouse.DataSource), new PostgresAlertWindow(warehouse.DataSource), notifier, clock, LocalExecutionLink,
            LoadProgress, PublishProgress));
    }

    public INotifier Notifier { get; }

    /// <summary>Every notification also lands here, one JSON line each.</summary>
    public OutboxNotifier Outbox { get; }

    public AnalyticsProject Analytics { get; }

    public ISqlRunner Sql { get; }

    public ISqlDialect Dialect { get; }

    /// <summary>The publish phases' statements, run in the background of this process and polled by handle.</summary>
    public IStatementRunner Statements { get; }

    public DropPublisher Publisher => Steps.Publisher;

    /// <summary>Every step by name, JSON in and out: what the local workflow runner invokes.</summary>
    public StepHandlerTable Steps { get; }

    public PipelineConfig Config { get; }

    public FolderObjectStore Store { get; }

    public PostgresWarehouse Warehouse { get; }

    public IClock Clock { get; }

    public LoadToStagingHandler Load => Steps.Load;

    /// <summary>Where the publish phases report what they do (building, each model built, checks, the decision).</summary>
    public LineRelay PublishProgress { get; } = new();

    /// <summary>Where the Load step reports the bytes it has read of the current file.</summary>
    public ProgressRelay LoadProgress { get; } = new();

    /// <summary>Locally, an execution is shown by the CLI.</summary>
    private static string? LocalExecutionLink(string? executionId) =>
        executionId is null ? null : $"healthdw executions show {executionId}";

    public const string SlackWebhookSecret = "slack-webhook";

    /// <param name="secrets">Where the Slack webhook URL comes from (environment or file); none sends to the outbox only.</param>
    public static async Task<LocalPipeline> OpenAsync(LocalSettings settings, CancellationToken ct, IClock? clock = null, ISecrets? secrets = null,
        HttpClient? http = null)
    {
        var (config, analytics) = ConfigFolder.LoadAll(settings.ConfigFolder);
        var connection = settings.WarehouseConnection
            ?? await new LocalPostgresServer(Path.Combine(settings.Home, "pg")).EnsureStartedAsync(ct);
        var warehouse = PostgresWarehouse.Connect(connection);
        try
        {
            await warehouse.EnsureSchemaAsync(config, ct);
        }
        catch (Npgsql.NpgsqlException e) when (IsUnreachable(e))
        {
            await warehouse.DisposeAsync();
            throw new WarehouseSetupException(Unreachable(connection, e));
        }

        var store = new FolderObjectStore(settings.BucketFolder);
        foreach (var folder in new[] { RawPrefix, ArchiveFileHandler.Processed, ArchiveFileHandler.Errors })
            Directory.CreateDirectory(Path.Combine(store.Root, folder));
        var outbox = new OutboxNotifier(Path.Combine(settings.Home, "outbox"));
        secrets ??= new EnvironmentSecrets(new ProcessEnvironmentVariables());
        INotifier notifier = outbox;
        if (await HasSecretAsync(secrets, SlackWebhookSecret, ct))
        {
            var slack = new SlackWebhookNotifier(http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(15) }, secrets, SlackWebhookSecret, Task.Delay);
            notifier = new FanOutNotifier([slack, outbox]);
        }

        return new LocalPipeline(config, analytics, store, warehouse, clock ?? new SystemClock(), outbox, notifier);
    }

    /// <summary>
    /// No server answered, or it refused the login or the database: the warehouse cannot be reached, a setting to fix
    /// (exit 2), not an internal error. A PostgreSQL error of any other class is the warehouse answering, and stays what it is.
    /// </summary>
    private static bool IsUnreachable(Npgsql.NpgsqlException e) => e is not Npgsql.PostgresException postgres
        || postgres.SqlState.StartsWith("28", StringComparison.Ordinal) // invalid authorization
        || postgres.SqlState.StartsWith("3D", StringComparison.Ordinal) // no such database
        || postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
        || postgres.SqlState.StartsWith("57P0", StringComparison.Ordinal); // shutting down, cannot connect now

    /// <summary>Where it tried (host, port, database; never the password) and why it failed.</summary>
    private static string Unreachable(string connection, Npgsql.NpgsqlException e)
    {
        var target = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        var reason = (e.InnerException as System.Net.Sockets.SocketException)?.Message ?? e.InnerException?.Message ?? e.Message;
        return $"no warehouse could be reached at {target.Host}:{target.Port} (database {target.Database}): {reason}. "
            + "Nothing was loaded. Start the local warehouse (healthdw warehouse start), or fix HEALTHDW_WAREHOUSE if it names a server";
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

    public ValueTask DisposeAsync() => Warehouse.DisposeAsync();
}
