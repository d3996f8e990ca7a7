using System.Text;
using HealthDw.Cli.Commands;
using HealthDw.Cloud.Tests.Storage;
using HealthDw.Cloud.Tests.Storage.StrictS3;
using HealthDw.Core.Ports;
using HealthDw.Storage.S3;

namespace HealthDw.Cloud.Tests.Replay;

/// <summary><c>replay --aws</c> against the strict S3 server, in a versioned bucket whose copies get new ETags (as under
/// SSE-KMS) and new version ids, as the project's drop bucket does.</summary>
[Collection(StrictS3Collection.Name)]
public sealed class StrictS3AwsReplayTests(StrictS3Server server) : AwsReplayTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected override Task<IObjectStore> CreateStoreAsync()
    {
        var bucket = $"replay-{Guid.NewGuid():N}";
        server.CreateBucket(bucket, versioned: true);
        return Task.FromResult<IObjectStore>(new S3ObjectStore(server.Client, bucket));
    }

    [Fact]
    public async Task RunAsync_WhenTheFileWasRefused_ShouldCopyItIntoRawFilesWithIdenticalBytesAndMoveItsReport()
    {
        var store = await CreateStoreAsync();
        var content = ObjectBytes.Seeded(70_000, seed: 15);
        var report = Encoding.UTF8.GetBytes("""{"file":"chart_appointment_20261121T0200.csv","errors":[]}""");
        await PutAsync(store, $"error_files/{Drop}/chart_appointment_20261121T0200.csv", content);
        await PutAsync(store, $"error_files/{Drop}/chart_appointment_20261121T0200.csv.error.json", report);

        var exit = await Replay(store).RunAsync("chart_appointment_20261121T0200.csv", Hints, None);

        exit.Should().Be(ExitCodes.Ok, Output);
        (await ObjectBytes.ReadAllAsync(store, "raw_files/chart_appointment_20261121T0200.csv")).ShouldBeByteForByte(content);
        (await store.ExistsAsync($"error_files/{Drop}/chart_appointment_20261121T0200.csv", None)).Should().BeFalse("the file was moved, not copied");
        (await store.ExistsAsync($"error_files/{Drop}/chart_appointment_20261121T0200.csv.error.json", None)).Should().BeFalse();
        (await ObjectBytes.ReadAllAsync(store, $"error_files/{Drop}/replayed/20261206T081500000Z/chart_appointment_20261121T0200.csv.error.json"))
            .ShouldBeByteForByte(report);
        Output.Should().Contain($"error_files/{Drop}/chart_appointment_20261121T0200.csv -> raw_files/chart_appointment_20261121T0200.csv")
            .And.Contain("https://console.example/ingest-file").And.Contain($"publish-drop as execution drop-{Drop}")
            .And.Contain($"the earlier report is kept at error_files/{Drop}/replayed/20261206T081500000Z/");
    }

    [Fact]
    public async Task RunAsync_WhenADropIsNamed_ShouldCopyItsRefusedFilesOnlyAndSayThePublishFollows()
    {
        var store = await CreateStoreAsync();
        var refused = ObjectBytes.Seeded(3_000, seed: 4);
        var loaded = ObjectBytes.Seeded(2_000, seed: 5);
        await PutAsync(store, $"error_files/{Drop}/chart_appointment_20261121T0200.csv", refused);
        await PutAsync(store, $"processed/{Drop}/chart_patient_20261121T0200.csv", loaded);

        var exit = await Replay(store).RunAsync(Drop, Hints, None);

        exit.Should().Be(ExitCodes.Ok, Output);
        (await ObjectBytes.ReadAllAsync(store, "raw_files/chart_appointment_20261121T0200.csv")).ShouldBeByteForByte(refused);
        (await store.ExistsAsync("raw_files/chart_patient_20261121T0200.csv", None)).Should().BeFalse("a loaded file's copy would load again");
        (await ObjectBytes.ReadAllAsync(store, $"processed/{Drop}/chart_patient_20261121T0200.csv")).ShouldBeByteForByte(loaded);
        Output.Should().Contain("not copied: 1 file(s) of the drop in processed/").And.Contain($"publish-drop as execution drop-{Drop}");
    }

    [Fact]
    public async Task RunAsync_WhenTheBucketIsVersioned_ShouldLeaveANewVersionInRawFilesAndNoVersionOfTheRefusedOne()
    {
        // S3 API Reference, "CopyObject": the copy in a versioning-enabled bucket gets a version id of its own. That new
        // version is what ingest-file's ledger sees; the refused version it came from is removed, not hidden by a marker.
        var store = await CreateStoreAsync();
        var errorKey = $"error_files/{Drop}/chart_appointment_20261121T0200.csv";
        await PutAsync(store, errorKey, ObjectBytes.Seeded(9_000, seed: 7));
        var refused = await store.HeadAsync(errorKey, CancellationToken.None);

        await Replay(store).RunAsync(errorKey, Hints, CancellationToken.None);

        var raw = await store.HeadAsync("raw_files/chart_appointment_20261121T0200.csv", CancellationToken.None);
        raw!.VersionId.Should().NotBeNullOrEmpty().And.NotBe(refused!.VersionId);
        raw.ETag.Should().NotBe(refused.ETag, "under SSE-KMS a copy's ETag differs, so the move verified it by checksum");
        server.Versions(store.Bucket, errorKey).Should().BeEmpty();
        Output.Should().Contain($"(version {raw.VersionId}: new to the ledger, so it loads once)", "an archived file without an origin is new to the ledger");
    }
}
