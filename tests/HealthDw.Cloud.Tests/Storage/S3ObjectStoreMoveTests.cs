using HealthDw.Storage.S3;

namespace HealthDw.Cloud.Tests.Storage;

[Collection(S3rverCollection.Name)]
public sealed class S3ObjectStoreMoveTests(S3rverFixture s3rver)
{
    private readonly string _root = $"m-{Guid.NewGuid():N}/";

    private S3ObjectStore Store(S3ObjectStoreOptions? options = null) => new(s3rver.Client, S3rverFixture.BucketName, options);

    [Theory]
    [InlineData("raw_files/billing_claims_20261121T0200_part2.csv", "processed/billing_claims_20261121T0200_part2.csv")]
    [InlineData("raw_files/with space+plus é/中.csv", "error_files/with space+plus é/中.csv")]
    public async Task MoveAsync_WhenObjectIsSmall_ShouldCopyServerSideThenDeleteTheSource(string from, string to)
    {
        var store = Store();
        var content = S3ObjectStoreTests.Bytes(50_000, seed: from.Length);
        await store.PutAsync(_root + from, new MemoryStream(content), CancellationToken.None);
        var before = await store.HeadAsync(_root + from, CancellationToken.None);

        await store.MoveAsync(_root + from, _root + to, CancellationToken.None);

        (await store.ExistsAsync(_root + from, CancellationToken.None)).Should().BeFalse();
        var after = await store.HeadAsync(_root + to, CancellationToken.None);
        after!.ETag.Should().Be(before!.ETag);
        (await S3ObjectStoreTests.ReadAllAsync(store, _root + to)).Should().Equal(content);
    }

    [Fact]
    public async Task MoveAsync_WhenObjectIsAboveTheMultipartThreshold_ShouldCopyItInPartsByteForByte()
    {
        var store = Store(new S3ObjectStoreOptions { MultipartCopyThreshold = 1000, CopyPartSize = 300, CopyParallelism = 3 });
        var content = S3ObjectStoreTests.Bytes(2_550, seed: 11); // 9 parts, the last one short
        await store.PutAsync(_root + "raw_files/big file é.csv", new MemoryStream(content), CancellationToken.None);

        await store.MoveAsync(_root + "raw_files/big file é.csv", _root + "processed/big file é.csv", CancellationToken.None);

        (await store.ExistsAsync(_root + "raw_files/big file é.csv", CancellationToken.None)).Should().BeFalse();
        (await S3ObjectStoreTests.ReadAllAsync(store, _root + "processed/big file é.csv")).Should().Equal(content);
    }

    [Fact]
    public async Task MoveAsync_WhenSourceIsMissing_ShouldThrowFileNotFoundAndCreateNothing()
    {
        var store = Store();

        var move = () => store.MoveAsync(_root + "raw_files/none.csv", _root + "processed/none.csv", CancellationToken.None);

        await move.Should().ThrowAsync<FileNotFoundException>();
        (await store.ExistsAsync(_root + "processed/none.csv", CancellationToken.None)).Should().BeFalse();
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
