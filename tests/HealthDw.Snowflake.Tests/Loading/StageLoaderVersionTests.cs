using System.Text;
using HealthDw.Core.Loading;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;
using HealthDw.Snowflake.Tests.Support;
using HealthDw.Storage;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Snowflake.Tests.Loading;

/// <summary>
/// Snowflake's COPY INTO from an external stage reads the key's current version: COPY INTO has no copy option that names
/// an S3 VersionId (Snowflake SQL reference, "COPY INTO &lt;table&gt;": copy options). So the loader looks at the key before
/// the COPY and again before the commit, and refuses a load whose current version is not the one the ledger names: the
/// newer content is never committed under the older version's identity.
/// </summary>
public sealed class StageLoaderVersionTests : IDisposable
{
    private const string Header = "APPTPK,PATIENT_UID,PROVIDER_UID,LOCATIONPK,APPT_START,VISIT_TYPE,STATUS,UPDATE_AT\n";
    private const string Row = "1,2,3,4,2026-11-21 02:00:00,checkup,done,2026-11-21 02:00:00\n";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("healthdw-stage-version-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task StartAsync_WhenTheKeyWasOverwrittenAfterTheEvent_ShouldRefuseBeforeAnyCopy()
    {
        var store = new FolderObjectStore(_folder.FullName, "drops");
        var file = await PutAsync(store, Header + Row);
        await store.PutAsync(StageLoaderFixture.Key, Utf8(Header + Row + Row.Replace("1,2", "2,2", StringComparison.Ordinal)), default);
        await using var f = new StageLoaderFixture(store: store);

        var start = () => f.Loader.StartAsync(file, StageLoaderFixture.Appointment, default);

        await start.Should().ThrowAsync<ObjectVersionGoneException>();
        f.Api.Statements.Should().NotContain(s => s.StartsWith("copy into", StringComparison.Ordinal));
        f.CommitRequest.Should().BeNull();
    }

    [Fact]
    public async Task StartAsync_WhenAVersionedBucketStillServesTheNamedVersionButANewerIsCurrent_ShouldRefuseBeforeAnyCopy()
    {
        // In a versioned bucket the check before the COPY reads the named version fine; the COPY would not.
        var named = new ObjectRef("drops", StageLoaderFixture.Key, Header.Length + Row.Length, "etag-1", "v1");
        var store = new VersionedStore(named, Encoding.UTF8.GetBytes(Header + Row)) { Current = named with { VersionId = "v2", ETag = "etag-2" } };
        await using var f = new StageLoaderFixture(store: store);

        var start = () => f.Loader.StartAsync(RoutedFile.Of(named, "chart_appointment", new DropId(StageLoaderFixture.Drop), null), StageLoaderFixture.Appointment, default);

        await start.Should().ThrowAsync<ObjectVersionGoneException>().WithMessage("*before the COPY*current version is v2*");
        store.Reads.Should().BeGreaterThan(0, "the contract check read the named version");
        f.Api.Statements.Should().NotContain(s => s.StartsWith("copy into", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResumeAsync_WhenTheKeyIsOverwrittenWhileTheCopyRuns_ShouldDropTheCopyAndNeverCommit()
    {
        var store = new FolderObjectStore(_folder.FullName, "drops");
        var file = await PutAsync(store, Header + Row);
        await using var f = new StageLoaderFixture(store: store);
        f.Api.On(@"^copy into staging\._load_", new ScriptedAnswer.Running(1, StageLoaderFixture.Copied(1)));
        var started = await f.Loader.StartAsync(file, StageLoaderFixture.Appointment, default);
        var handle = started.Handle ?? throw new InvalidOperationException("the COPY should still be running");

        // The vendor re-sends the file while Snowflake reads it: the COPY may have read either content.
        await store.PutAsync(StageLoaderFixture.Key, Utf8(Header + Row.Replace("checkup", "other", StringComparison.Ordinal)), default);
        var finish = () => f.Loader.ResumeAsync(handle, file, StageLoaderFixture.Appointment, default);

        await finish.Should().ThrowAsync<ObjectVersionGoneException>().WithMessage("*after the COPY*");
        f.CommitRequest.Should().BeNull();
        f.Api.Statements.Should().Contain($"drop table if exists {SnowflakeStageLoader.LoadTable(handle.LoadId)}");
    }

    [Fact]
    public async Task LoadAsync_WhenTheKeyStillHoldsTheNamedVersion_ShouldLoad()
    {
        var store = new FolderObjectStore(_folder.FullName, "drops");
        var file = await PutAsync(store, Header + Row);
        await using var f = new StageLoaderFixture(store: store);
        f.Api.On(@"^copy into staging\._load_", StageLoaderFixture.Copied(1));

        var outcome = await f.Loader.LoadAsync(file, StageLoaderFixture.Appointment, null, default);

        outcome.Status.Should().Be(LoadStatus.Loaded);
        f.CommitRequest.Should().NotBeNull();
    }

    private static async Task<RoutedFile> PutAsync(FolderObjectStore store, string content)
    {
        await store.PutAsync(StageLoaderFixture.Key, Utf8(content), default);
        var head = (await store.HeadAsync(StageLoaderFixture.Key, default))!;
        return RoutedFile.Of(head, "chart_appointment", new DropId(StageLoaderFixture.Drop), null);
    }

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>A versioned bucket holding one key: the named version's content is served by version; HEAD gives <see cref="Current"/>.</summary>
    private sealed class VersionedStore(ObjectRef named, byte[] content) : IObjectStore
    {
        private ObjectRef? _current;

        public ObjectRef Current { get => _current ?? named; set => _current = value; }

        public int Reads { get; private set; }

        public string Bucket => named.Bucket;

        public Task<ObjectRef?> HeadAsync(string key, CancellationToken ct) => Task.FromResult<ObjectRef?>(key == named.Key ? Current : null);

        public Task<byte[]> ReadPrefixAsync(ObjectRef version, int length, CancellationToken ct) =>
            Task.FromResult(Serve(version).Take(length).ToArray());

        public Task<Stream> OpenReadAsync(ObjectRef version, CancellationToken ct) => Task.FromResult<Stream>(new MemoryStream(Serve(version)));

        public Task PutAsync(string key, Stream content, CancellationToken ct) => throw new NotSupportedException();

        public Task MoveAsync(ObjectRef version, string toKey, CancellationToken ct) => throw new NotSupportedException();

        public Task DeleteVersionAsync(ObjectRef version, CancellationToken ct) => throw new NotSupportedException();

        public Task DeleteAsync(string key, CancellationToken ct) => throw new NotSupportedException();

        public Task<bool> ExistsAsync(string key, CancellationToken ct) => throw new NotSupportedException();

        public IAsyncEnumerable<ObjectRef> ListAsync(string prefix, CancellationToken ct) => throw new NotSupportedException();

        private byte[] Serve(ObjectRef version)
        {
            Reads++;
            return version.VersionId == named.VersionId ? content : throw new ObjectVersionGoneException(version, "not in this store");
        }
    }
}
