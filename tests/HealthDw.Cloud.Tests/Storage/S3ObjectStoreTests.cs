using System.Security.Cryptography;
using Amazon.S3.Model;
using HealthDw.Storage.S3;

namespace HealthDw.Cloud.Tests.Storage;

[Collection(S3rverCollection.Name)]
public sealed class S3ObjectStoreTests(S3rverFixture s3rver)
{
    private readonly string _root = $"t-{Guid.NewGuid():N}/";

    public static TheoryData<string> Keys => new()
    {
        "raw_files/register_users_20261121T0200.csv",
        "raw_files/with space.csv",
        "raw_files/a+b=c&d.csv",
        "raw_files/café é.csv",
        "raw_files/中文/数据 2.csv",
        "deep/a/b/c/d/e/f/g/h/object.csv",
    };

    private S3ObjectStore Store(S3ObjectStoreOptions? options = null) => new(s3rver.Client, S3rverFixture.BucketName, options);

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task PutAsync_WhenReadBack_ShouldHoldTheSameBytesUnderThePlainKey(string key)
    {
        var store = Store();
        var content = Bytes(70_000, seed: key.Length);

        await store.PutAsync(_root + key, new MemoryStream(content), CancellationToken.None);

        (await ReadAllAsync(store, _root + key)).Should().Equal(content);
        var listed = await store.ListAsync(_root, CancellationToken.None).ToListAsync();
        listed.Select(o => o.Key).Should().Equal(_root + key);
    }

    [Fact]
    public async Task HeadAsync_WhenObjectExists_ShouldGiveSizeAndBareMd5ETag()
    {
        var store = Store();
        var content = Bytes(1234, seed: 1);
        await store.PutAsync(_root + "head.csv", new MemoryStream(content), CancellationToken.None);

        var head = await store.HeadAsync(_root + "head.csv", CancellationToken.None);

        head.Should().NotBeNull();
        head!.Bucket.Should().Be(S3rverFixture.BucketName);
        head.Size.Should().Be(1234);
        head.ETag.Should().Be(Convert.ToHexStringLower(MD5.HashData(content)));
        head.VersionId.Should().BeNull();
        head.VersionToken.Should().Be(head.ETag);
    }

    [Fact]
    public async Task HeadAsync_WhenObjectIsMissing_ShouldReturnNullAndExistsFalse()
    {
        var store = Store();

        (await store.HeadAsync(_root + "missing.csv", CancellationToken.None)).Should().BeNull();
        (await store.ExistsAsync(_root + "missing.csv", CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task PutAsync_WhenContentChanges_ShouldChangeTheETag()
    {
        var store = Store();
        await store.PutAsync(_root + "changing.csv", new MemoryStream("id,name\n1,a\n"u8.ToArray()), CancellationToken.None);
        var first = await store.HeadAsync(_root + "changing.csv", CancellationToken.None);

        await store.PutAsync(_root + "changing.csv", new MemoryStream("id,name\n1,b\n"u8.ToArray()), CancellationToken.None);
        var second = await store.HeadAsync(_root + "changing.csv", CancellationToken.None);

        second!.ETag.Should().NotBe(first!.ETag);
        second.Size.Should().Be(first.Size);
    }

    [Fact]
    public async Task PutAsync_WhenStreamCannotSeek_ShouldStoreEveryByte()
    {
        var store = Store();
        var content = Bytes(200_000, seed: 7);

        await store.PutAsync(_root + "piped.bin", new ForwardOnlyStream(content), CancellationToken.None);

        (await ReadAllAsync(store, _root + "piped.bin")).Should().Equal(content);
    }

    [Fact]
    public async Task ReadPrefixAsync_WhenObjectIsLonger_ShouldReturnOnlyTheFirstBytes()
    {
        var store = Store();
        var content = Bytes(10_000, seed: 3);
        await store.PutAsync(_root + "café/中 prefix.csv", new MemoryStream(content), CancellationToken.None);

        var prefix = await store.ReadPrefixAsync(_root + "café/中 prefix.csv", 4096, CancellationToken.None);

        prefix.Should().Equal(content[..4096]);
    }

    [Fact]
    public async Task ReadPrefixAsync_WhenObjectIsShorter_ShouldReturnTheWholeObject()
    {
        var store = Store();
        await store.PutAsync(_root + "short.csv", new MemoryStream("id\n1\n"u8.ToArray()), CancellationToken.None);

        var prefix = await store.ReadPrefixAsync(_root + "short.csv", 4096, CancellationToken.None);

        prefix.Should().Equal("id\n1\n"u8.ToArray());
    }

    [Fact]
    public async Task OpenReadAsync_WhenObjectIsMissing_ShouldThrowFileNotFound()
    {
        var open = () => Store().OpenReadAsync(_root + "nothing here.csv", CancellationToken.None);

        await open.Should().ThrowAsync<FileNotFoundException>().WithMessage("*nothing here.csv*");
    }

    [Fact]
    public async Task DeleteAsync_WhenObjectExists_ShouldRemoveIt()
    {
        var store = Store();
        await store.PutAsync(_root + "gone soon.csv", new MemoryStream([1, 2, 3]), CancellationToken.None);

        await store.DeleteAsync(_root + "gone soon.csv", CancellationToken.None);

        (await store.ExistsAsync(_root + "gone soon.csv", CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task ListAsync_WhenPagesAreSmall_ShouldReturnEveryObjectUnderThePrefixOnly()
    {
        var store = Store(new S3ObjectStoreOptions { ListPageSize = 2 });
        var inside = Enumerable.Range(0, 7).Select(i => $"{_root}raw_files/file {i} é.csv").ToList();
        foreach (var key in inside.Append(_root + "raw_files_old/x.csv").Append(_root + "processed/y.csv"))
            await store.PutAsync(key, new MemoryStream(Bytes(10 + key.Length, seed: key.Length)), CancellationToken.None);

        var listed = await store.ListAsync(_root + "raw_files", CancellationToken.None).ToListAsync();

        listed.Select(o => o.Key).Should().BeEquivalentTo(inside);
        listed.Should().OnlyContain(o => o.Size == 10 + o.Key.Length && o.ETag.Length == 32 && !o.ETag.Contains('"'));
        var pages = await s3rver.Client.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = S3rverFixture.BucketName, Prefix = _root + "raw_files/", MaxKeys = 2,
        });
        pages.IsTruncated.Should().BeTrue("the listing above had to follow continuation tokens");
    }

    [Fact]
    public async Task ListAsync_WhenNothingMatches_ShouldReturnNothing()
    {
        var listed = await Store().ListAsync(_root + "empty/", CancellationToken.None).ToListAsync();

        listed.Should().BeEmpty();
    }

    internal static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes); // every byte value, including CR, LF and NUL
        return bytes;
    }

    internal static async Task<byte[]> ReadAllAsync(S3ObjectStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
