using HealthDw.Core.Configuration;
using HealthDw.Core.Loading;
using HealthDw.Core.Pipeline;
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
using HealthDw.Warehouse.DuckDb;
using HealthDw.Warehouse.Local;
using HealthDw.Warehouse.Postgres;

namespace HealthDw.Cli.Local;

/// <summary>
/// The composition root of the local host: configuration, the folder bucket, the warehouse (PostgreSQL, or the embedded
/// DuckDB) and the step handlers wired over them. Tests build it the same way.
/// </summary>
public sealed class LocalPipeline : IAsyncDisposable
{
    private LocalPipeline(PipelineConfig config, AnalyticsProject analytics, FolderObjectStore store, WarehousePorts warehouse, IClock clock,
        OutboxNotifier outbox, INotifier notifier)
    {
        Outbox = outbox;
        Analytics = analytics;
        Sql = warehouse.Sql;
        Dialect = warehouse.Dialect;
        Config = config;
        Store = store;
        Warehouse = warehouse.Warehouse;
        _owned = warehouse.Owned;
        Clock = clock;
        Notifier = notifier;
        Statements = new BackgroundStatementRunner(Sql);
        Steps = new StepHandlerTable(new StepPorts(config, analytics, store, Warehouse, new StagingLoader(Warehouse, store, clock), Sql, Statements,
            Dialect, warehouse.CheckHistory, warehouse.AlertWindow, notifier, clock, LocalExecutionLink, LoadProgress, PublishProgress));
    }

    private readonly IAsyncDisposable _owned;

    /// <summary>The warehouse ports of one warehouse, and what to dispose with the pipeline.</summary>
    private sealed record WarehousePorts(IWarehouse Warehouse, ISqlRunner Sql, ISqlDialect Dialect, ICheckHistory CheckHistory,
        IAlertWindow AlertWindow, IAsyncDisposable Owned);

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

    public IWarehouse Warehouse { get; }

    public IClock Clock { get; }

    public LoadToStagingHandler Load => Steps.Load;

    /// <summary>Where the Load step reports the rows and bytes it has read of the current file.</summary>
    public ProgressRelay<FileLoadProgress> LoadProgress { get; } = new();

    /// <summary>Where publish reports each model and each check as it runs.</summary>
    public ProgressRelay<PublishProgress> PublishProgress { get; } = new();

    /// <summary>Locally, an execution is shown by the CLI.</summary>
    private static string? LocalExecutionLink(string? executionId) =>
        executionId is null ? null : $"healthdw executions show {executionId}";

    public const string SlackWebhookSecret = "slack-webhook";

    /// <param name="secrets">Where the Slack webhook URL comes from (environment or file); none sends to the outbox only.</param>
    public static async Task<LocalPipeline> OpenAsync(LocalSettings settings, CancellationToken ct, IClock? clock = null, ISecrets? secrets = null,
        HttpClient? http = null)
    {
        var (config, analytics) = ConfigFolder.LoadAll(settings.ConfigFolder);
        var warehouse = settings.DuckDbFile is { } file ? OpenDuckDb(file, settings.DuckDbWait) : await ConnectPostgresAsync(settings, ct);
        try
        {
            await warehouse.Warehouse.EnsureSchemaAsync(config, ct);
        }
        catch (Npgsql.NpgsqlException e) when (IsUnreachable(e))
        {
            await warehouse.Owned.DisposeAsync();
            throw new WarehouseSetupException(Unreachable(settings.WarehouseConnection!, e));
        }
        catch
        {
            await warehouse.Owned.DisposeAsync();
            throw;
        }

        var store = new FolderObjectStore(settings.BucketFolder);
        foreach (var folder in BucketLayout.Prefixes.Values)
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

    private static async Task<WarehousePorts> ConnectPostgresAsync(LocalSettings settings, CancellationToken ct)
    {
        var connection = LocalPostgresBackends.Named(settings.WarehouseConnection
            ?? await new LocalPostgresServer(Path.Combine(settings.Home, "pg")).EnsureStartedAsync(ct));
        var warehouse = PostgresWarehouse.Connect(connection);
        var source = warehouse.DataSource;
        await LocalPostgresBackends.EndOrphansAsync(source, message => Console.Error.WriteLine(message), ct);
        return new WarehousePorts(warehouse, new PostgresSqlRunner(source), new PostgresDialect(), new PostgresCheckHistory(source),
            new PostgresAlertWindow(source), warehouse);
    }

    /// <summary>The embedded warehouse; while another healthdw process holds its file, the wait is said on stderr.</summary>
    private static WarehousePorts OpenDuckDb(string file, TimeSpan wait)
    {
        var database = DuckDbDatabase.Open(file, wait, message => Console.Error.WriteLine(message));
        return new WarehousePorts(new DuckDbWarehouse(database), new DuckDbSqlRunner(database), new DuckDbDialect(),
            new DuckDbCheckHistory(database), new DuckDbAlertWindow(database), database);
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

    public ValueTask DisposeAsync() => _owned.DisposeAsync();
}
