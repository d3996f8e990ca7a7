using HealthDw.Cli;
using HealthDw.Cli.Local;
using Spectre.Console;

namespace HealthDw.Tests.Support;

/// <summary>A local pipeline on a fresh database and an empty bucket, with the shipped configuration.</summary>
public sealed class TestPipeline : IAsyncDisposable
{
    private TestPipeline(TempFolder folder, LocalSettings settings, LocalPipeline pipeline)
    {
        Folder = folder;
        Settings = settings;
        Pipeline = pipeline;
    }

    public TempFolder Folder { get; }

    public LocalSettings Settings { get; }

    public LocalPipeline Pipeline { get; }

    public DropRunner Runner => new(Pipeline);

    public static async Task<TestPipeline> CreateAsync(PostgresFixture postgres, string? configFolder = null)
    {
        var folder = new TempFolder();
        var settings = new LocalSettings(folder.Combine(".healthdw"), configFolder ?? Repo.ConfigFolder, folder.Combine("bucket"),
            await postgres.CreateDatabaseAsync());
        return new TestPipeline(folder, settings, await LocalPipeline.OpenAsync(settings, CancellationToken.None));
    }

    public string BucketFile(string key) => Path.Combine(Pipeline.Store.Root, key);

    public IReadOnlyList<string> BucketKeys(string prefix) =>
        Directory.Exists(BucketFile(prefix))
            ? Directory.GetFiles(BucketFile(prefix), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Pipeline.Store.Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
            : [];

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = Pipeline.Warehouse.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<long> StagingRowsAsync(string table) => await ScalarAsync($"select count(*) from staging.{table}");

    public async Task<long> LedgerRowsAsync() => await ScalarAsync("select count(*) from audit.load_ledger");

    /// <summary>Runs the CLI in process against this pipeline's settings; returns exit code and plain output.</summary>
    public async Task<(int Exit, string Output)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var exit = await HealthDwCli.RunAsync(args, console, Settings);
        return (exit, output.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        Folder.Dispose();
    }
}
