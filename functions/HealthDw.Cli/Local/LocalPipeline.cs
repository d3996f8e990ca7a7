using HealthDw.Core.Configuration;
using HealthDw.Core.Loading;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;
using HealthDw.Core.Sql;
using HealthDw.Functions;
using HealthDw.Functions.Runtime;
using HealthDw.Functions.Steps;
using HealthDw.Hosting;
using HealthDw.Hosting.DuckDb;
using HealthDw.Hosting.Notify;
using HealthDw.Storage;

namespace HealthDw.Cli.Local;

/// <summary>
/// The local host: its switches of the house's one composition root (<see cref="HealthDwHost"/>): configuration, the folder
/// bucket, the warehouse (PostgreSQL, or the embedded DuckDB) and the step handlers wired over them. Tests build it the same way.
/// </summary>
public sealed class LocalPipeline : IAsyncDisposable
{
    private LocalPipeline(HealthDwServices services, ProgressRelay<FileLoadProgress> loadProgress, ProgressRelay<PublishProgress> publishProgress)
    {
        _services = services;
        var ports = services.Ports;
        Outbox = services.Outbox!;
        Analytics = ports.Analytics;
        Sql = ports.Sql;
        Dialect = ports.Dialect;
        Config = ports.Config;
        Store = (FolderObjectStore)ports.Store;
        Warehouse = ports.Warehouse;
        Loader = ports.Loader;
        Clock = ports.Clock;
        Notifier = ports.Notifier;
        Statements = ports.Statements;
        Steps = services.Steps;
        LoadProgress = loadProgress;
        PublishProgress = publishProgress;
    }

    private readonly HealthDwServices _services;

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

    /// <summary>The Load step's loader (the warehouse's staging load).</summary>
    public IFileLoader Loader { get; }

    public LoadToStagingHandler Load => Steps.Load;

    /// <summary>Where the Load step reports the rows and bytes it has read of the current file.</summary>
    public ProgressRelay<FileLoadProgress> LoadProgress { get; }

    /// <summary>Where publish reports each model and each check as it runs.</summary>
    public ProgressRelay<PublishProgress> PublishProgress { get; }

    /// <summary>Locally, an execution is shown by the CLI.</summary>
    private static string? LocalExecutionLink(string? executionId) =>
        executionId is null ? null : $"healthdw executions show {executionId}";

    public const string SlackWebhookSecret = "slack-webhook";

    /// <param name="secrets">Where the Slack webhook URL comes from (environment or file); none sends to the outbox only.</param>
    public static async Task<LocalPipeline> OpenAsync(LocalSettings settings, CancellationToken ct, IClock? clock = null, ISecrets? secrets = null,
        HttpClient? http = null)
    {
        var loadProgress = new ProgressRelay<FileLoadProgress>();
        var publishProgress = new ProgressRelay<PublishProgress>();
        HealthDwServices services;
        try
        {
            services = await HealthDwHost.BuildAsync(Options(settings, secrets) with
            {
                Clock = clock, Http = http, LoadProgress = loadProgress, PublishProgress = publishProgress,
            }, ct);
        }
        catch (Npgsql.NpgsqlException e) when (IsUnreachable(e))
        {
            throw new WarehouseSetupException(Unreachable(settings.WarehouseConnection!, e));
        }

        foreach (var folder in BucketLayout.Prefixes.Values)
            Directory.CreateDirectory(Path.Combine(settings.BucketFolder, folder));
        return new LocalPipeline(services, loadProgress, publishProgress);
    }

    /// <summary>
    /// The local host's switches: the folder bucket; the embedded DuckDB file (while another healthdw process holds it, the
    /// wait is said on stderr), the PostgreSQL server HEALTHDW_WAREHOUSE names, or the tool's own; secrets from the environment;
    /// the outbox, and Slack too when its webhook secret exists.
    /// </summary>
    public static HealthDwOptions Options(LocalSettings settings, ISecrets? secrets = null) => new(
        settings.ConfigFolder,
        new FolderStoreOptions(settings.BucketFolder),
        settings switch
        {
            { DuckDbFile: { } file } => new DuckDbWarehouseOptions(file, settings.DuckDbWait, message => Console.Error.WriteLine(message)),
            _ => new LocalPostgresWarehouseOptions(settings.WarehouseConnection, settings.LocalServer),
        },
        new NotifierOptions(Path.Combine(settings.Home, "outbox"), SlackWebhookSecret, SlackOnlyIfSecretExists: true),
        new SecretsOptions(SecretsSource.Environment, new ProcessEnvironmentVariables(), secrets))
    {
        EnsureSchema = true,
        ExecutionLink = LocalExecutionLink,
    };

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

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
