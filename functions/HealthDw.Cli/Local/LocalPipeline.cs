using HealthDw.Core.Configuration;
using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;
using HealthDw.Core.Sql;
using HealthDw.Functions;
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
        OutboxNotifier notifier)
    {
        Analytics = analytics;
        Sql = new PostgresSqlRunner(warehouse.DataSource);
        Dialect = new PostgresDialect();
        Publisher = new DropPublisher(analytics, Sql, Dialect, new PostgresCheckHistory(warehouse.DataSource), clock);
        Config = config;
        Store = store;
        Warehouse = warehouse;
        Clock = clock;
        Route = new RouteFileHandler(config);
        Validate = new ValidateFileHandler(config, store);
        Load = new LoadToStagingHandler(config, new StagingLoader(warehouse, store, clock));
        Archive = new ArchiveFileHandler(store, warehouse, clock);
        Ingest = new SequentialIngestRunner(Route, Validate, Load, Archive);
        Notifier = notifier;
        Steps = new StepHandlerTable(Route, Validate, Load, Archive, new DropStatusHandler(config, warehouse, store, clock),
            new NotifyHandler(notifier, clock));
    }

    public OutboxNotifier Notifier { get; }

    public AnalyticsProject Analytics { get; }

    public ISqlRunner Sql { get; }

    public ISqlDialect Dialect { get; }

    public DropPublisher Publisher { get; }

    /// <summary>Every step by name, JSON in and out: what the local workflow runner invokes.</summary>
    public StepHandlerTable Steps { get; }

    public PipelineConfig Config { get; }

    public FolderObjectStore Store { get; }

    public PostgresWarehouse Warehouse { get; }

    public IClock Clock { get; }

    public RouteFileHandler Route { get; }

    public ValidateFileHandler Validate { get; }

    public LoadToStagingHandler Load { get; }

    public ArchiveFileHandler Archive { get; }

    public SequentialIngestRunner Ingest { get; }

    public static async Task<LocalPipeline> OpenAsync(LocalSettings settings, CancellationToken ct, IClock? clock = null)
    {
        var (config, analytics) = ConfigFolder.LoadAll(settings.ConfigFolder);
        var connection = settings.WarehouseConnection
            ?? await new LocalPostgresServer(Path.Combine(settings.Home, "pg")).EnsureStartedAsync(ct);
        var warehouse = PostgresWarehouse.Connect(connection);
        await warehouse.EnsureSchemaAsync(config, ct);
        var store = new FolderObjectStore(settings.BucketFolder);
        foreach (var folder in new[] { RawPrefix, ArchiveFileHandler.Processed, ArchiveFileHandler.Errors })
            Directory.CreateDirectory(Path.Combine(store.Root, folder));
        return new LocalPipeline(config, analytics, store, warehouse, clock ?? new SystemClock(), new OutboxNotifier(Path.Combine(settings.Home, "outbox")));
    }

    public ValueTask DisposeAsync() => Warehouse.DisposeAsync();
}
