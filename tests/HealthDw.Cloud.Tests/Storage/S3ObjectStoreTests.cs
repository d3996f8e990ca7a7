using Amazon.S3.Model;
using HealthDw.Storage.S3;

namespace HealthDw.Cloud.Tests.Storage;

/// <summary>What only the S3 adapter has: the wire details behind the port. The port's behaviour is in
/// <see cref="S3ObjectStoreContractTests"/>.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3ObjectStoreTests(S3rverFixture s3rver)
{
    private readonly string _root = $"t-{Guid.NewGuid():N}/";

    private S3ObjectStore Store(S3ObjectStoreOptions? options = null) => new(s3rver.Client, S3rverFixture.BucketName, options);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PutAsync_WhenServerDoesNotDecodeAwsChunkedBodies_ShouldStoreThePlainBytes(bool seekable)
    {
        // s3rver, like some S3-compatible servers, stores an aws-chunked body verbatim, chunk headers and
        // signatures included: what the server holds must be the content itself, byte for byte.
        var content = ObjectBytes.Seeded(200_000, seed: 13); // several of the SDK's 64 KiB chunks
        Stream body = seekable ? new MemoryStream(content) : new ForwardOnlyStream(content);

        await Store().PutAsync(_root + "chunked é.bin", body, CancellationToken.None);

        using var stored = await s3rver.Client.GetObjectAsync(S3rverFixture.BucketName, _root + "chunked é.bin");
        stored.ContentLength.Should().Be(content.Length);
        using var copy = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(copy);
        copy.ToArray().ShouldBeByteForByte(content);
    }

    [Fact]
    public async Task ListAsync_WhenPagesAreSmall_ShouldFollowContinuationTokensToEveryObjectInKeyOrder()
    {
        var store = Store(new S3ObjectStoreOptions { ListPageSize = 2 });
        var inside = Enumerable.Range(0, 7).Select(i => $"{_root}raw_files/file {i} é.csv").ToList();
        foreach (var key in inside.Append(_root + "raw_files_old/x.csv").Append(_root + "processed/y.csv"))
            await store.PutAsync(key, new MemoryStream(ObjectBytes.Seeded(10 + key.Length, seed: key.Length)), CancellationToken.None);

        var listed = await store.ListAsync(_root + "raw_files", CancellationToken.None).ToListAsync();

        listed.Select(o => o.Key).Should().Equal(inside);
        listed.Should().OnlyContain(o => o.Size == 10 + o.Key.Length && o.ETag.Length == 32);
        var firstPage = await s3rver.Client.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = S3rverFixture.BucketName, Prefix = _root + "raw_files/", MaxKeys = 2,
        });
        firstPage.IsTruncated.Should().BeTrue("the listing above had to follow continuation tokens");
    }

    [Fact]
    public async Task MoveAsync_WhenTheServerKeepsNoChecksums_ShouldRefuseToTrustTheCopyAndKeepTheSource()
    {
        // s3rver computes no checksums (S3 does: S3 User Guide, "Checking object integrity in Amazon S3"), so the copy
        // cannot be verified, and the source must stay. The moves themselves are tested against StrictS3Server.
        var store = Store();
        await store.PutAsync(_root + "raw_files/unverifiable.csv", new MemoryStream([1, 2, 3]), CancellationToken.None);
        var source = (await store.HeadAsync(_root + "raw_files/unverifiable.csv", CancellationToken.None))!;

        var move = () => store.MoveAsync(source, _root + "processed/unverifiable.csv", CancellationToken.None);

        await move.Should().ThrowAsync<S3CopyMismatchException>().WithMessage("*no CRC64NVME checksum*");
        (await store.ExistsAsync(_root + "raw_files/unverifiable.csv", CancellationToken.None)).Should().BeTrue();
    }
}
