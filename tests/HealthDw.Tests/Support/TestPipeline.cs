using HealthDw.Cli;
using HealthDw.Cli.Local;
using Spectre.Console;

namespace HealthDw.Tests.Support;

/// <summary>A local pipeline on a fresh database and an empty bucket, with the shipped configuration.</summary>
public sealed class TestPipeline : IAsyncDisposable
{
    private TestPipeline(TempFolder folder, LocalSettings settings, LocalPipeline pipeline, LocalWorkflow workflow)
    {
        Folder = folder;
        Settings = settings;
        Pipeline = pipeline;
        Workflow = workflow;
    }

    public LocalWorkflow Workflow { get; }

    public TempFolder Folder { get; }

    public LocalSettings Settings { get; }

    public LocalPipeline Pipeline { get; }

    public DropRunner Runner => new(Pipeline, Workflow);

    /// <param name="configFolder">Default: the shipped configuration sized for small test drops (<see cref="TestConfig"/>).</param>
    public static async Task<TestPipeline> CreateAsync(PostgresFixture postgres, string? configFolder = null,
        Func<HealthDw.StateMachine.Tasks.ILambdaInvoker, HealthDw.StateMachine.Tasks.ILambdaInvoker>? decorate = null,
        HealthDw.Core.Ports.ISecrets? secrets = null, Func<LocalSettings, LocalSettings>? configure = null)
    {
        var folder = new TempFolder();
        var settings = new LocalSettings(folder.Combine(".healthdw"), configFolder ?? TestConfig.SmallDrops, folder.Combine("bucket"),
            await postgres.CreateDatabaseAsync());
        settings = configure?.Invoke(settings) ?? settings;
        var pipeline = await LocalPipeline.OpenAsync(settings, CancellationToken.None, secrets: secrets ?? new NoSecrets());
        return new TestPipeline(folder, settings, pipeline,
            LocalWorkflow.Create(pipeline, settings, new HealthDw.StateMachine.Time.VirtualClock(DateTimeOffset.UtcNow), decorate));
    }

    /// <summary>No Slack webhook: notifications go to the outbox only.</summary>
    public sealed class NoSecrets : HealthDw.Core.Ports.ISecrets
    {
        public Task<string> GetAsync(string secretId, CancellationToken ct) =>
            throw new HealthDw.Core.Ports.SecretNotFoundException(secretId, "tests");
    }

    /// <summary>The PostgreSQL database under the pipeline (tests here run it on PostgreSQL), for SQL only PostgreSQL speaks.</summary>
    public Npgsql.NpgsqlDataSource DataSource => ((HealthDw.Warehouse.Postgres.PostgresWarehouse)Pipeline.Warehouse).DataSource;

    public string BucketFile(string key) => Path.Combine(Pipeline.Store.Root, key);

    public IReadOnlyList<string> BucketKeys(string prefix) =>
        Directory.Exists(BucketFile(prefix))
            ? Directory.GetFiles(BucketFile(prefix), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Pipeline.Store.Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
            : [];

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<long> StagingRowsAsync(string table) => await ScalarAsync($"select count(*) from staging.{table}");

    public async Task<long> LedgerRowsAsync() => await ScalarAsync("select count(*) from audit.load_ledger");

    /// <summary>Runs the CLI in process against this pipeline's settings; returns exit code and plain output.</summary>
    public Task<(int Exit, string Output)> CliAsync(params string[] args) => CliAsync(Settings, 200, args);

    /// <summary>Runs the CLI in process against any settings, on a plain, non-interactive console of the given width.</summary>
    public static async Task<(int Exit, string Output)> CliAsync(LocalSettings settings, int width, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        var exit = await HealthDwCli.RunAsync(args, console, settings);
        return (exit, output.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        Folder.Dispose();
    }
}
