using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.S3.Model;
using HealthDw.Cli.Aws;
using HealthDw.Cli.Commands;
using HealthDw.Cloud.Tests.Storage.StrictS3;
using HealthDw.Cloud.Tests.Support;
using HealthDw.Core.Configuration;
using HealthDw.Core.Ports;
using HealthDw.Core.Sql;
using HealthDw.Functions;
using HealthDw.Hosting.Configuration;
using HealthDw.Functions.Events;
using HealthDw.Hosting.Notify;
using HealthDw.Functions.Steps;
using HealthDw.Core.Loading;
using HealthDw.Storage.S3;
using HealthDw.Warehouse.DuckDb;
using Spectre.Console;

namespace HealthDw.Cloud.Tests.Replay;

/// <summary>
/// <c>replay --aws</c> and the ingest-file that follows it, exactly once: the steps run as the Lambda host runs them
/// (<see cref="StepHandlerTable"/>, JSON in and out: Route File, Validate File, Load To Staging, Archive File) over the S3
/// adapter on the strict S3 server (a versioned bucket whose copies get new version ids, and under SSE-KMS new ETags) and
/// the embedded warehouse. A copy in a versioned bucket is a new version with a version id of its own (S3 API Reference,
/// "CopyObject"), so the identity the ledger keys on rides in the copy's user metadata, which CopyObject keeps by default
/// (x-amz-metadata-directive COPY; S3 User Guide, "Copying, moving, and renaming objects") and HeadObject returns
/// (S3 API Reference, "HeadObject": x-amz-meta-*).
/// </summary>
[Collection(StrictS3Collection.Name)]
public sealed class AwsReplayIngestTests(StrictS3Server server) : IAsyncLifetime
{
    private const string Drop = "20261121T0200";
    private const string Name = "register_location_20261121T0200.csv";
    private const string Raw = "raw_files/" + Name;
    private const string Processed = $"processed/{Drop}/{Name}";
    private const string Refused = $"error_files/{Drop}/{Name}";

    private const string Upload = "PutObject";
    private const string Copy = "CopyObject";

    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly byte[] Locations = """
        LOCATIONPK,LOCATION_NAME,STREET,CITY,STATE,ZIP,UPDATE_AT
        1,North Clinic,1 Main St,Springfield,IL,62701,2026-11-20 10:00:00
        2,South Clinic,2 Oak Ave,Springfield,IL,62702,2026-11-20 10:00:00
        """u8.ToArray();

    private readonly string _home = Path.Combine(Path.GetTempPath(), "healthdw-replay-ingest-" + Guid.NewGuid().ToString("N"));
    private readonly FixedClock _clock = new();
    private readonly List<IAsyncDisposable> _owned = [];
    private S3ObjectStore _store = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_home);
        var bucket = $"replay-ingest-{Guid.NewGuid():N}";
        server.CreateBucket(bucket, versioned: true);
        _store = new S3ObjectStore(server.Client, bucket);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned) await owned.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public async Task Ingest_WhenALoadedFileIsReplayedFromProcessed_ShouldEndAlreadyLoadedAndLoadNothingTwice()
    {
        var (steps, warehouse, config) = await PipelineAsync(Path.Combine(RepoPaths.Root(), "warehouse"));
        await _store.PutAsync(Raw, new MemoryStream(Locations), None);
        var upload = (await _store.HeadAsync(Raw, None))!;
        (await IngestAsync(steps, Raw, Upload)).Verdict.Status.Should().Be(StepStatus.Loaded);
        (await _store.HeadAsync(Processed, None))!.OriginVersion.Should().Be(upload.VersionId, "Archive File records the version it archived");

        var exit = await Replay().RunAsync(Processed, new AwsReplay.Hints("dev", null), None);

        exit.Should().Be(ExitCodes.Ok);
        var copy = (await _store.HeadAsync(Raw, None))!;
        copy.VersionId.Should().NotBe(upload.VersionId, "a copy is a new S3 version");
        copy.OriginVersion.Should().Be(upload.VersionId, "the replay's copy keeps the metadata (COPY)");
        var (route, verdict, archive) = await IngestAsync(steps, Raw, Copy);
        route.File.OriginVersion.Should().Be(upload.VersionId, "Route File keys the copy on the version it was loaded under");
        verdict.Status.Should().Be(StepStatus.AlreadyLoaded);
        archive.ArchivedKey.Should().Be(Processed);
        (await warehouse.DropLoadsAsync(Drop, None)).Should().ContainSingle().Which.VersionToken.Should().Be(upload.VersionId);
        (await warehouse.StagingRowCountsAsync(config, None))["register_location"].Should().Be(2, "nothing is loaded twice");
        (await _store.ExistsAsync(Raw, None)).Should().BeFalse();
    }

    [Fact]
    public async Task Ingest_WhenARefusedFileIsReplayedAfterItsContractIsFixed_ShouldLoadItOnceUnderTheRefusedVersion()
    {
        var narrow = NarrowStateConfig();
        var (strict, _, _) = await PipelineAsync(narrow);
        await _store.PutAsync(Raw, new MemoryStream(Locations), None);
        var upload = (await _store.HeadAsync(Raw, None))!;
        var refusal = await IngestAsync(strict, Raw, Upload);
        refusal.Verdict.Status.Should().Be(StepStatus.Rejected, "STATE is declared varchar(1) and holds 'IL'");
        refusal.Archive.ArchivedKey.Should().Be(Refused);
        (await _store.HeadAsync(Refused, None))!.OriginVersion.Should().Be(upload.VersionId);
        var (steps, warehouse, config) = await PipelineAsync(Path.Combine(RepoPaths.Root(), "warehouse")); // the fix: the shipped contract

        (await Replay().RunAsync(Refused, new AwsReplay.Hints("dev", null), None)).Should().Be(ExitCodes.Ok);
        var loaded = await IngestAsync(steps, Raw, Copy);
        (await Replay().RunAsync(Processed, new AwsReplay.Hints("dev", null), None)).Should().Be(ExitCodes.Ok);
        var again = await IngestAsync(steps, Raw, Copy);

        loaded.Verdict.Status.Should().Be(StepStatus.Loaded);
        again.Verdict.Status.Should().Be(StepStatus.AlreadyLoaded);
        (await warehouse.DropLoadsAsync(Drop, None)).Should().ContainSingle().Which.VersionToken
            .Should().Be(upload.VersionId, "loaded under the identity its refusal is on record with, so the digest sees it replayed");
        (await warehouse.StagingRowCountsAsync(config, None))["register_location"].Should().Be(2);
    }

    [Fact]
    public async Task Ingest_WhenAPersonCopiesAProcessedFileBackByHand_ShouldEndAlreadyLoadedAndKeepOneArchivedCopy()
    {
        // The console's Copy is a CopyObject with the default directive: "When you copy an object, user-controlled system
        // metadata and user-defined metadata are also copied" (S3 User Guide, "Copying, moving, and renaming objects").
        var (steps, warehouse, config) = await PipelineAsync(Path.Combine(RepoPaths.Root(), "warehouse"));
        await _store.PutAsync(Raw, new MemoryStream(Locations), None);
        await IngestAsync(steps, Raw, Upload);
        var archived = (await _store.HeadAsync(Processed, None))!;
        await server.Client.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = _store.Bucket, SourceKey = Processed, DestinationBucket = _store.Bucket, DestinationKey = Raw,
        });

        var (_, verdict, archive) = await IngestAsync(steps, Raw, Copy);

        verdict.Status.Should().Be(StepStatus.AlreadyLoaded);
        archive.ArchivedKey.Should().Be(Processed, "the same identity is archived there already, so the copy is removed instead");
        (await _store.HeadAsync(Processed, None)).Should().Be(archived, "the archived version stays as it was");
        (await _store.ListAsync("processed", None).CountAsync()).Should().Be(1, "no second archived copy beside it");
        (await _store.ExistsAsync(Raw, None)).Should().BeFalse();
        (await warehouse.StagingRowCountsAsync(config, None))["register_location"].Should().Be(2);
    }

    /// <summary>One ingest-file of the key's current version, with the event S3 sends: its <c>reason</c> names the API
    /// that created the object (S3 User Guide, "Using EventBridge"), PutObject for an upload, CopyObject for a copy.</summary>
    private async Task<(RouteResult Route, FileVerdict Verdict, ArchiveResult Archive)> IngestAsync(StepHandlerTable steps, string key, string reason)
    {
        var json = HealthDwJsonContext.Default;
        var head = (await _store.HeadAsync(key, None))!;
        var created = S3ObjectCreatedEvent.For(_store.Bucket, key, head.Size, head.ETag, head.VersionId, _clock.Now, Guid.NewGuid().ToString());
        created = created with { Detail = created.Detail with { Reason = reason } };
        var route = await InvokeAsync(steps, StepHandlerTable.RouteFile, new RouteRequest(created, "ingest-file:test"), json.RouteRequest, json.RouteResult);
        var verdict = await InvokeAsync(steps, StepHandlerTable.ValidateFile, route.File, json.FileRef, json.FileVerdict);
        if (verdict.Status == StepStatus.Valid)
            verdict = await InvokeAsync(steps, StepHandlerTable.LoadToStaging, route.File, json.FileRef, json.FileVerdict);
        var archive = await InvokeAsync(steps, StepHandlerTable.ArchiveFile, new ArchiveRequest(route.File, verdict), json.ArchiveRequest, json.ArchiveResult);
        return (route, verdict, archive);
    }

    private static async Task<TOut> InvokeAsync<TIn, TOut>(StepHandlerTable steps, string handler, TIn input, JsonTypeInfo<TIn> inType, JsonTypeInfo<TOut> outType)
    {
        var output = await steps.Handlers[handler](JsonSerializer.SerializeToUtf8Bytes(input, inType), None);
        return JsonSerializer.Deserialize(output, outType)!;
    }

    /// <summary>The steps over this bucket and one embedded warehouse per test (both configurations share it).</summary>
    private async Task<(StepHandlerTable Steps, DuckDbWarehouse Warehouse, PipelineConfig Config)> PipelineAsync(string configFolder)
    {
        var (config, analytics) = ConfigFolder.LoadAll(configFolder);
        if (_database is null)
        {
            _database = DuckDbDatabase.Open(Path.Combine(_home, "warehouse.duckdb"));
            _owned.Add(_database);
        }

        var database = _database;
        var warehouse = new DuckDbWarehouse(database);
        await warehouse.EnsureSchemaAsync(config, None);
        var sql = new DuckDbSqlRunner(database);
        var ports = new StepPorts(config, analytics, _store, warehouse, new StagingLoader(warehouse, _store, _clock), sql,
            new BackgroundStatementRunner(sql), new DuckDbDialect(), new DuckDbCheckHistory(database), new DuckDbAlertWindow(database),
            new LogNotifier(TextWriter.Null), _clock, _ => null);
        return (new StepHandlerTable(ports), warehouse, config);
    }

    private DuckDbDatabase? _database;

    /// <summary>The shipped configuration with register_location's STATE declared one character long: 'IL' is refused.</summary>
    private string NarrowStateConfig()
    {
        var folder = Path.Combine(_home, "config");
        var shipped = Path.Combine(RepoPaths.Root(), "warehouse");
        foreach (var file in Directory.GetFiles(shipped, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var location = Path.Combine(folder, "contracts", "register", "location.yml");
        var text = File.ReadAllText(location);
        const string state = "{ name: STATE,         type: varchar(2) }";
        text.Should().Contain(state);
        File.WriteAllText(location, text.Replace(state, "{ name: STATE,         type: varchar(1) }", StringComparison.Ordinal));
        return folder;
    }

    private AwsReplay Replay()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(TextWriter.Null), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
        });
        return new AwsReplay(_store, _clock, console);
    }

    private sealed class FixedClock : IClock
    {
        public DateTimeOffset Now { get; } = new(2026, 11, 21, 2, 30, 0, TimeSpan.Zero);

        public Guid NewId() => Guid.NewGuid();
    }
}
