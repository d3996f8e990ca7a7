using HealthDw.Storage.S3;

namespace HealthDw.Cloud.Tests.Storage;

/// <summary>The S3 adapter's own move paths: a multipart copy for large objects, and the refusal to move
/// an object onto itself (its copy-then-delete would lose it).</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3ObjectStoreMoveTests(S3rverFixture s3rver)
{
    private readonly string _root = $"m-{Guid.NewGuid():N}/";

    private S3ObjectStore Store(S3ObjectStoreOptions? options = null) => new(s3rver.Client, S3rverFixture.BucketName, options);

    [Fact]
    public async Task MoveAsync_WhenObjectIsAboveTheMultipartThreshold_ShouldCopyItInPartsByteForByte()
    {
        var store = Store(new S3ObjectStoreOptions { MultipartCopyThreshold = 1000, CopyPartSize = 300, CopyParallelism = 3 });
        var content = ObjectBytes.Seeded(2_550, seed: 11); // 9 parts, the last one short
        await store.PutAsync(_root + "raw_files/big file é.csv", new MemoryStream(content), CancellationToken.None);

        await store.MoveAsync(_root + "raw_files/big file é.csv", _root + "processed/big file é.csv", CancellationToken.None);

        (await store.ExistsAsync(_root + "raw_files/big file é.csv", CancellationToken.None)).Should().BeFalse();
        (await ObjectBytes.ReadAllAsync(store, _root + "processed/big file é.csv")).ShouldBeByteForByte(content);
    }

    [Fact]
    public async Task MoveAsync_WhenTargetIsTheSource_ShouldRefuseAndKeepTheObject()
    {
        var store = Store();
        await store.PutAsync(_root + "raw_files/same.csv", new MemoryStream([1, 2, 3]), CancellationToken.None);

        var move = () => store.MoveAsync(_root + "raw_files/same.csv", _root + "raw_files/same.csv", CancellationToken.None);

        await move.Should().ThrowAsync<ArgumentException>();
        (await store.ExistsAsync(_root + "raw_files/same.csv", CancellationToken.None)).Should().BeTrue();
    }
}
