using HealthDw.Cli.Aws;
using HealthDw.Cli.Commands;
using HealthDw.Cloud.Tests.Storage;
using HealthDw.Core.Ports;
using Spectre.Console;

namespace HealthDw.Cloud.Tests.Replay;

/// <summary>
/// <c>healthdw replay --aws</c> over the S3 adapter: an archived file goes back into <c>raw_files/</c> (the copy raises the
/// "Object Created" event that starts ingest-file). The bucket is versioned and a copy is a new version with a version id
/// of its own (S3 API Reference, "CopyObject"), so the ledger's identity rides in the archived object's user metadata
/// (x-amz-meta-healthdw-origin-version, which Archive File's move writes; HeadObject returns it); a loaded file without
/// one (archived before it was recorded) would be new to the ledger and load again, so it is refused. The refusals run
/// against s3rver and the strict S3 server; the copies against the strict server only (<see cref="StrictS3AwsReplayTests"/>,
/// <see cref="AwsReplayIngestTests"/>), since the adapter verifies a copy by its full-object checksum and s3rver keeps none.
/// </summary>
public abstract class AwsReplayTests
{
    protected const string Drop = "20261121T0200";

    private static readonly CancellationToken None = CancellationToken.None;

    private readonly StringWriter _output = new();

    protected abstract Task<IObjectStore> CreateStoreAsync();

    protected string Output => _output.ToString();


    [Fact]
    public async Task RunAsync_WhenALoadedFileCarriesNoOrigin_ShouldRefuseItInOneLineAndWriteNothing()
    {
        var store = await CreateStoreAsync();
        await PutAsync(store, $"processed/{Drop}/billing_claim_20261121T0200.csv", ObjectBytes.Seeded(1_000, seed: 1));
        var before = await ListAsync(store);

        var act = () => Replay(store).RunAsync($"processed/{Drop}/billing_claim_20261121T0200.csv", Hints, None);

        (await act.Should().ThrowAsync<UsageException>()).Which.Message.Should()
            .Be($"processed/{Drop}/billing_claim_20261121T0200.csv was loaded already and carries no recorded origin (archived before replay kept one): "
                + "on AWS a copy back into raw_files/ would be a new S3 version, new to the ledger, and would load a second time; nothing copied");
        (await ListAsync(store)).Should().Equal(before, "nothing is copied or moved");
    }

    [Fact]
    public async Task RunAsync_WhenRawFilesHoldsAFileOfThatName_ShouldRefuseAndMoveNothing()
    {
        var store = await CreateStoreAsync();
        await PutAsync(store, $"error_files/{Drop}/chart_patient_20261121T0200.csv", ObjectBytes.Seeded(500, seed: 2));
        await PutAsync(store, "raw_files/chart_patient_20261121T0200.csv", ObjectBytes.Seeded(600, seed: 3));
        var before = await ListAsync(store);

        var act = () => Replay(store).RunAsync("chart_patient_20261121T0200.csv", Hints, None);

        (await act.Should().ThrowAsync<UsageException>()).Which.Message.Should().StartWith("raw_files/chart_patient_20261121T0200.csv holds a file already");
        (await ListAsync(store)).Should().Equal(before);
    }

    [Fact]
    public async Task RunAsync_WhenTheNameIsUnknown_ShouldSayItInOneLine()
    {
        var store = await CreateStoreAsync();
        await PutAsync(store, $"error_files/{Drop}/chart_patient_20261121T0200.csv", ObjectBytes.Seeded(500, seed: 2));

        var act = () => Replay(store).RunAsync("nosuch.csv", Hints, None);

        (await act.Should().ThrowAsync<UsageException>()).Which.Message.Should()
            .Be("no archived file 'nosuch.csv' in processed/ or error_files/; `healthdw status` lists the loads and rejections");
    }


    [Fact]
    public async Task RunAsync_WhenADropHasOnlyLoadedFilesWithoutOrigin_ShouldSayThereIsNothingToReplay()
    {
        var store = await CreateStoreAsync();
        await PutAsync(store, $"processed/{Drop}/chart_patient_20261121T0200.csv", ObjectBytes.Seeded(100, seed: 6));
        var before = await ListAsync(store);

        var act = () => Replay(store).RunAsync(Drop, Hints, None);

        (await act.Should().ThrowAsync<UsageException>()).Which.Message.Should().StartWith($"drop {Drop} has nothing to replay: its 1 file(s) in processed/ carry no recorded origin");
        (await ListAsync(store)).Should().Equal(before);
    }

    protected static AwsReplay.Hints Hints { get; } = new("dev", "https://console.example/ingest-file");

    protected AwsReplay Replay(IObjectStore store)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 1000;
        return new AwsReplay(store, new FixedClock(), console);
    }

    protected static Task PutAsync(IObjectStore store, string key, byte[] content) => store.PutAsync(key, new MemoryStream(content), None);

    /// <summary>Every key with its ETag (a copy under SSE-KMS gets another one, so a move shows).</summary>
    protected static async Task<List<string>> ListAsync(IObjectStore store) =>
        await store.ListAsync("", None).Select(o => $"{o.Key} {o.ETag}").ToListAsync();

    private sealed class FixedClock : IClock
    {
        public DateTimeOffset Now { get; } = new(2026, 12, 6, 8, 15, 0, TimeSpan.Zero);

        public Guid NewId() => Guid.NewGuid();
    }
}
