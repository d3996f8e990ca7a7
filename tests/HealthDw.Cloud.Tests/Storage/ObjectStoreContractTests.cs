using HealthDw.Core.Ports;

namespace HealthDw.Cloud.Tests.Storage;

/// <summary>
/// What every <see cref="IObjectStore"/> must do, through the port only. Each adapter runs it from a
/// subclass whose <see cref="CreateStoreAsync"/> gives every test a fresh, empty store of its own.
/// </summary>
public abstract class ObjectStoreContractTests : IAsyncLifetime
{
    protected static readonly CancellationToken None = CancellationToken.None;

    private IObjectStore? _store;

    public static TheoryData<string> Keys => new()
    {
        "register_users_20261121T0200.csv",
        "raw_files/with space.csv",
        "raw_files/a+b=c&d.csv",
        "raw_files/café é.csv",
        "raw_files/中文/数据 2.csv",
        "raw_files/with space+plus é/中.csv",
        "raw_files/100% sure? #1 ~;😀.csv",
        "deep/a/b/c/d/e/f/g/h/object.csv",
    };

    /// <summary>The keys under raw_files/ of <see cref="ListAsync_WhenPrefixNamesAFolder_ShouldListThatFolderOnlyInKeyOrder"/>,
    /// in key order (ordinal over the UTF-8 bytes, as S3 lists).</summary>
    private static readonly string[] RawFilesInKeyOrder =
    [
        "raw_files/B.csv",
        "raw_files/a b.csv",
        "raw_files/a+b.csv",
        "raw_files/a.csv",
        "raw_files/b.csv",
        "raw_files/sub.csv",
        "raw_files/sub/deeper/y.csv",
        "raw_files/sub/x.csv",
        "raw_files/é.csv",
        "raw_files/中.csv",
    ];

    protected IObjectStore Store => _store ?? throw new InvalidOperationException("the store is made in InitializeAsync");

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public Task DisposeAsync() => _store is null ? Task.CompletedTask : DisposeStoreAsync(_store);

    /// <summary>A new, empty store that no other test uses.</summary>
    protected abstract Task<IObjectStore> CreateStoreAsync();

    protected virtual Task DisposeStoreAsync(IObjectStore store) => Task.CompletedTask;

    [Fact]
    public async Task HeadAsync_WhenObjectWasPut_ShouldGiveItsBucketKeySizeAndABareETag()
    {
        await PutAsync("raw_files/head.csv", ObjectBytes.Seeded(1234, seed: 1));

        var head = await Store.HeadAsync("raw_files/head.csv", None);

        head.Should().NotBeNull();
        head!.Bucket.Should().Be(Store.Bucket);
        head.Key.Should().Be("raw_files/head.csv");
        head.Size.Should().Be(1234);
        head.ETag.Should().NotBeNullOrWhiteSpace().And.NotContain("\"");
        head.VersionToken.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task HeadAsync_WhenObjectIsMissing_ShouldReturnNull()
    {
        await PutAsync("raw_files/other.csv", [1]);

        (await Store.HeadAsync("raw_files/missing.csv", None)).Should().BeNull();
        (await Store.HeadAsync("never/made/missing.csv", None)).Should().BeNull();
    }

    [Fact]
    public async Task PutAsync_WhenContentChanges_ShouldGiveANewVersionToken()
    {
        await PutAsync("raw_files/changing.csv", "id,name\n1,a\n"u8.ToArray());
        var first = await Store.HeadAsync("raw_files/changing.csv", None);

        await PutAsync("raw_files/changing.csv", "id,name\n1,b\n"u8.ToArray());
        var second = await Store.HeadAsync("raw_files/changing.csv", None);

        second!.Size.Should().Be(first!.Size);
        second.ETag.Should().NotBe(first.ETag);
        second.VersionToken.Should().NotBe(first.VersionToken);
        (await ObjectBytes.ReadAllAsync(Store, "raw_files/changing.csv")).Should().Equal("id,name\n1,b\n"u8.ToArray());
    }

    [Fact]
    public async Task PutAsync_WhenStreamCannotSeek_ShouldStoreEveryByte()
    {
        var content = ObjectBytes.Seeded(200_000, seed: 7);

        await Store.PutAsync("raw_files/piped.bin", new ForwardOnlyStream(content), None);

        (await Store.HeadAsync("raw_files/piped.bin", None))!.Size.Should().Be(content.Length);
        (await ObjectBytes.ReadAllAsync(Store, "raw_files/piped.bin")).ShouldBeByteForByte(content);
    }

    [Fact]
    public async Task PutAsync_WhenContentIsEmpty_ShouldStoreAnEmptyObject()
    {
        await PutAsync("raw_files/empty.csv", []);

        (await Store.HeadAsync("raw_files/empty.csv", None))!.Size.Should().Be(0);
        (await ObjectBytes.ReadAllAsync(Store, "raw_files/empty.csv")).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task PutAsync_WhenKeyHasSpacesPlusUnicodeOrDeepPrefixes_ShouldKeepTheBytesUnderThePlainKey(string key)
    {
        var content = ObjectBytes.Seeded(70_000, seed: key.Length);

        await PutAsync(key, content);

        (await Store.ExistsAsync(key, None)).Should().BeTrue();
        (await Store.HeadAsync(key, None))!.Key.Should().Be(key);
        (await Store.ReadPrefixAsync(await CurrentAsync(key), 100, None)).Should().Equal(content[..100]);
        (await ObjectBytes.ReadAllAsync(Store, key)).ShouldBeByteForByte(content);
        var listed = await Store.ListAsync("", None).ToListAsync();
        listed.Select(o => o.Key).Should().Equal(key);
    }

    [Theory]
    [InlineData(10_000, 4096, 4096)]
    [InlineData(4096, 4096, 4096)]
    [InlineData(1000, 4096, 1000)]
    [InlineData(1000, 0, 0)]
    [InlineData(0, 4096, 0)]
    public async Task ReadPrefixAsync_WhenAskedForSomeBytes_ShouldReturnAtMostThatManyFromTheStart(int size, int asked, int expected)
    {
        var content = ObjectBytes.Seeded(size, seed: size);
        await PutAsync("raw_files/café/中 prefix.csv", content);

        var prefix = await Store.ReadPrefixAsync(await CurrentAsync("raw_files/café/中 prefix.csv"), asked, None);

        prefix.Should().Equal(content[..expected]);
    }

    [Fact]
    public async Task ReadPrefixAsync_WhenObjectIsMissing_ShouldThrowFileNotFound()
    {
        await PutAsync("raw_files/other.csv", [1]);

        var read = () => Store.ReadPrefixAsync(Missing("never/made/nothing here.csv"), 100, None);

        await read.Should().ThrowAsync<FileNotFoundException>();
    }

    [Fact]
    public async Task OpenReadAsync_WhenObjectIsLarge_ShouldStreamItByteForByte()
    {
        var content = ObjectBytes.Seeded(5 * 1024 * 1024 + 123, seed: 5);
        await PutAsync("raw_files/large 中.bin", content);

        await using var stream = await Store.OpenReadAsync(await CurrentAsync("raw_files/large 中.bin"), None);
        var read = new byte[content.Length + 1];
        var total = 0;
        int n;
        while ((n = await stream.ReadAsync(read.AsMemory(total, Math.Min(64 * 1024, read.Length - total)))) > 0)
            total += n;

        read[..total].ShouldBeByteForByte(content);
    }

    [Fact]
    public async Task OpenReadAsync_WhenObjectIsMissing_ShouldThrowFileNotFound()
    {
        await PutAsync("raw_files/other.csv", [1]);

        var open = () => Store.OpenReadAsync(Missing("never/made/nothing here.csv"), None);

        await open.Should().ThrowAsync<FileNotFoundException>();
    }

    [Theory]
    [InlineData("raw_files")]
    [InlineData("raw_files/")]
    public async Task ListAsync_WhenPrefixNamesAFolder_ShouldListThatFolderOnlyInKeyOrder(string prefix)
    {
        RawFilesInKeyOrder.Should().BeInAscendingOrder(StringComparer.Ordinal, "the expected order is the key order");
        var outside = new[] { "raw_files_old/x.csv", "raw_files.csv", "processed/raw_files/y.csv", "a.csv" };
        var keys = RawFilesInKeyOrder.Concat(outside).ToList();
        foreach (var key in keys.OrderBy(k => k.Length).ThenByDescending(k => k, StringComparer.Ordinal)) // not in key order
            await PutAsync(key, ObjectBytes.Seeded(10 + key.Length, seed: key.Length));

        var listed = await Store.ListAsync(prefix, None).ToListAsync();

        listed.Select(o => o.Key).Should().Equal(RawFilesInKeyOrder);
        foreach (var listedRef in listed)
        {
            var head = await Store.HeadAsync(listedRef.Key, None);
            listedRef.Bucket.Should().Be(Store.Bucket);
            listedRef.Size.Should().Be(head!.Size).And.Be(10 + listedRef.Key.Length);
            listedRef.ETag.Should().Be(head.ETag).And.NotContain("\"");
        }
    }

    [Theory]
    [InlineData("empty/")]
    [InlineData("raw_fi")]
    [InlineData("raw_files/a.csv")]
    public async Task ListAsync_WhenNoFolderMatchesThePrefix_ShouldReturnNothing(string prefix)
    {
        await PutAsync("raw_files/a.csv", [1, 2, 3]);
        await PutAsync("raw_files_old/b.csv", [4]);

        var listed = await Store.ListAsync(prefix, None).ToListAsync();

        listed.Should().BeEmpty();
    }

    [Fact]
    public async Task ExistsAsync_WhenObjectWasPut_ShouldReturnTrue()
    {
        await PutAsync("raw_files/here.csv", [1, 2, 3]);

        (await Store.ExistsAsync("raw_files/here.csv", None)).Should().BeTrue();
    }

    [Theory]
    [InlineData("raw_files/missing.csv")]
    [InlineData("never/made/missing.csv")]
    [InlineData("raw_files")]
    public async Task ExistsAsync_WhenNoObjectHasTheKey_ShouldReturnFalse(string key)
    {
        await PutAsync("raw_files/here.csv", [1, 2, 3]);

        (await Store.ExistsAsync(key, None)).Should().BeFalse();
    }

    [Fact]
    public async Task DeleteAsync_WhenObjectExists_ShouldRemoveItAndKeepItsNeighbours()
    {
        await PutAsync("raw_files/gone soon é.csv", [1, 2, 3]);
        await PutAsync("raw_files/stays.csv", [4, 5]);

        await Store.DeleteAsync("raw_files/gone soon é.csv", None);

        (await Store.ExistsAsync("raw_files/gone soon é.csv", None)).Should().BeFalse();
        (await Store.HeadAsync("raw_files/gone soon é.csv", None)).Should().BeNull();
        var listed = await Store.ListAsync("raw_files/", None).ToListAsync();
        listed.Select(o => o.Key).Should().Equal("raw_files/stays.csv");
    }

    protected Task PutAsync(string key, byte[] content) => Store.PutAsync(key, new MemoryStream(content), None);

    /// <summary>The key's current version, as an event would name it.</summary>
    protected async Task<ObjectRef> CurrentAsync(string key) =>
        await Store.HeadAsync(key, None) ?? throw new InvalidOperationException($"nothing under {key}");

    /// <summary>A version of a key that holds nothing.</summary>
    protected ObjectRef Missing(string key) => new(Store.Bucket, key, 1, "0123456789abcdef0123456789abcdef", null);
}
