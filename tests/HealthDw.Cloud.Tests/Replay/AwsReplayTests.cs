using HealthDw.Cli.Aws;
using HealthDw.Cli.Commands;
using HealthDw.Cloud.Tests.Storage;
using HealthDw.Core.Ports;
using Spectre.Console;

namespace HealthDw.Cloud.Tests.Replay;

/// <summary>
/// <c>healthdw replay --aws</c> over the S3 adapter: a refused file goes back into <c>raw_files/</c> (the copy raises the
/// "Object Created" event that starts ingest-file), a loaded one is refused. The bucket is versioned and a copy is a new
/// version with a version id of its own (S3 API Reference, "CopyObject": on a versioning-enabled destination bucket S3
/// generates a unique version id for the copy, different from the source's), and the ledger keys on that id: so a loaded
/// file's copy would load again, and only refused files are replayed. The refusals run against s3rver and the strict S3
/// server; the copies against the strict server only (<see cref="StrictS3AwsReplayTests"/>), since the adapter verifies a
/// copy by its full-object checksum and s3rver keeps none (as the object-store contract leaves moves to it).
/// </summary>
public abstract class AwsReplayTests
{
    protected const string Drop = "20261121T0200";

    private static readonly CancellationToken None = CancellationToken.None;

    private readonly StringWriter _output = new();

    protected abstract Task<IObjectStore> CreateStoreAsync();

    protected string Output => _output.ToString();


    [Fact]
    public async Task RunAsync_WhenTheFileWasLoaded_ShouldRefuseItInOneLineAndWriteNothing()
    {
        var store = await CreateStoreAsync();
        await PutAsync(store, $"processed/{Drop}/billing_claim_20261121T0200.csv", ObjectBytes.Seeded(1_000, seed: 1));
        var before = await ListAsync(store);

        var act = () => Replay(store).RunAsync($"processed/{Drop}/billing_claim_20261121T0200.csv", Hints, None);

        (await act.Should().ThrowAsync<UsageException>()).Which.Message.Should()
            .Be($"processed/{Drop}/billing_claim_20261121T0200.csv was loaded already: on AWS a copy back into raw_files/ is a new S3 version, "
                + "and the ledger keys on the version, so it would load a second time; replay --aws takes refused files (error_files/) only");
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
    public async Task RunAsync_WhenADropHasNoRefusedFile_ShouldSayThereIsNothingToReplay()
    {
        var store = await CreateStoreAsync();
        await PutAsync(store, $"processed/{Drop}/chart_patient_20261121T0200.csv", ObjectBytes.Seeded(100, seed: 6));
        var before = await ListAsync(store);

        var act = () => Replay(store).RunAsync(Drop, Hints, None);

        (await act.Should().ThrowAsync<UsageException>()).Which.Message.Should().StartWith($"drop {Drop} has no refused file in error_files/");
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
