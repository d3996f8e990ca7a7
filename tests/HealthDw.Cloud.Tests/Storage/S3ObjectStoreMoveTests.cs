using Amazon.S3;
using Amazon.S3.Model;
using HealthDw.Cloud.Tests.Storage.StrictS3;
using HealthDw.Core.Ports;
using HealthDw.Storage.S3;

namespace HealthDw.Cloud.Tests.Storage;

/// <summary>
/// The S3 adapter's move against <see cref="StrictS3Server"/>, which behaves as an SSE-KMS bucket does: ETags are no
/// MD5 of the content and a copy gets another one (S3 API Reference, "Common Response Headers": ETag), so a copy is
/// verified by size and a full-object checksum that S3 computes (S3 User Guide, "Checking object integrity in Amazon S3").
/// </summary>
[Collection(StrictS3Collection.Name)]
public sealed class S3ObjectStoreMoveTests(StrictS3Server server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Parts of 5 MiB, S3's minimum for all but the last part; objects above 6 MiB are copied in parts.</summary>
    private static readonly S3ObjectStoreOptions Multipart = new()
    {
        MultipartCopyThreshold = 6L * 1024 * 1024, CopyPartSize = StrictS3Server.MinPartSize, CopyParallelism = 3,
    };

    private S3ObjectStore Store(bool versioned = true, S3ObjectStoreOptions? options = null)
    {
        var bucket = $"move-{Guid.NewGuid():N}";
        server.CreateBucket(bucket, versioned);
        return new S3ObjectStore(server.Client, bucket, options);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MoveAsync_WhenBucketIsSseKms_ShouldVerifyTheCopyByChecksumAlthoughItsETagDiffers(bool versioned)
    {
        // S3 API Reference, "Common Response Headers" (ETag) and S3 User Guide, "Using server-side encryption with AWS KMS
        // keys": the copy's ETag is not the source's, so an ETag comparison refuses every good copy.
        var store = Store(versioned);
        var content = ObjectBytes.Seeded(70_000, seed: 3);
        await store.PutAsync("raw_files/kms é.csv", new MemoryStream(content), None);
        var source = (await store.HeadAsync("raw_files/kms é.csv", None))!;

        await store.MoveAsync(source, "processed/kms é.csv", None);

        var copy = (await store.HeadAsync("processed/kms é.csv", None))!;
        copy.ETag.Should().NotBe(source.ETag, "the server gives SSE-KMS copies an ETag of their own");
        (await ObjectBytes.ReadAllAsync(store, "processed/kms é.csv")).ShouldBeByteForByte(content);
        (await store.ExistsAsync("raw_files/kms é.csv", None)).Should().BeFalse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MoveAsync_WhenTheCopyDiffersFromTheSource_ShouldThrowAndKeepTheSource(bool sourceHasNoChecksum)
    {
        var store = Store();
        var content = ObjectBytes.Seeded(40_000, seed: 4);
        if (sourceHasNoChecksum) server.SeedWithoutChecksum(store.Bucket, "raw_files/bad copy.csv", content);
        else await store.PutAsync("raw_files/bad copy.csv", new MemoryStream(content), None);
        var source = (await store.HeadAsync("raw_files/bad copy.csv", None))!;

        server.CorruptCopies = true;
        Func<Task> move = () => store.MoveAsync(source, "processed/bad copy.csv", None);
        try
        {
            await move.Should().ThrowAsync<S3CopyMismatchException>().WithMessage("*checksum*");
        }
        finally
        {
            server.CorruptCopies = false;
        }

        (await ObjectBytes.ReadAllAsync(store, "raw_files/bad copy.csv")).ShouldBeByteForByte(content);
    }

    [Fact]
    public async Task MoveAsync_WhenSourceHasNoChecksum_ShouldComputeItsCrc64NvmeFromThatVersionAndMatchTheCopys()
    {
        // An object uploaded before S3 added default checksums has none (S3 User Guide, "Checking object integrity"):
        // the adapter reads that version once and computes its CRC64NVME; the copy asks S3 for the same algorithm.
        var store = Store();
        var content = ObjectBytes.Seeded(90_000, seed: 5);
        var versionId = server.SeedWithoutChecksum(store.Bucket, "raw_files/old upload.csv", content);
        var source = (await store.HeadAsync("raw_files/old upload.csv", None))!;

        await store.MoveAsync(source, "processed/old upload.csv", None);

        (await ObjectBytes.ReadAllAsync(store, "processed/old upload.csv")).ShouldBeByteForByte(content);
        server.Requests.Should().Contain(r => r.StartsWith("GET /", StringComparison.Ordinal) && r.Contains("versionId=" + Uri.EscapeDataString(versionId)),
            "the source's checksum is computed from the named version");
        var copy = await server.Client.GetObjectMetadataAsync(new GetObjectMetadataRequest
        {
            BucketName = store.Bucket, Key = "processed/old upload.csv", ChecksumMode = ChecksumMode.ENABLED,
        });
        copy.ChecksumCRC64NVME.Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("SHA256")]
    public async Task MoveAsync_WhenObjectIsAboveTheMultipartThreshold_ShouldCopyItInPartsWithAFullObjectChecksum(string? sourceAlgorithm)
    {
        // A multipart copy's checksum can be full-object only for CRC64NVME, CRC32 and CRC32C; a SHA-256 source is
        // compared through its computed CRC64NVME instead.
        var store = Store(options: Multipart);
        var content = ObjectBytes.Seeded(11 * 1024 * 1024 + 123, seed: 11); // three parts, the last one short
        if (sourceAlgorithm is null)
        {
            await store.PutAsync("raw_files/big file é.csv", new MemoryStream(content), None);
        }
        else
        {
            await server.Client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = store.Bucket, Key = "raw_files/big file é.csv", InputStream = new MemoryStream(content),
                ChecksumAlgorithm = ChecksumAlgorithm.FindValue(sourceAlgorithm), UseChunkEncoding = false,
            });
        }

        var source = (await store.HeadAsync("raw_files/big file é.csv", None))!;

        await store.MoveAsync(source, "processed/big file é.csv", None);

        (await store.ExistsAsync("raw_files/big file é.csv", None)).Should().BeFalse();
        (await ObjectBytes.ReadAllAsync(store, "processed/big file é.csv")).ShouldBeByteForByte(content);
        server.Requests.Count(r => r.StartsWith("PUT /" + store.Bucket + "/processed/", StringComparison.Ordinal) && r.Contains("partNumber="))
            .Should().Be(3);
    }

    [Fact]
    public async Task MoveAsync_WhenAMultipartCopyDiffersFromTheSource_ShouldBeRefusedByS3AndLeaveNothingBehind()
    {
        var store = Store(options: Multipart);
        var content = ObjectBytes.Seeded(11 * 1024 * 1024, seed: 12);
        await store.PutAsync("raw_files/big bad.csv", new MemoryStream(content), None);
        var source = (await store.HeadAsync("raw_files/big bad.csv", None))!;

        server.CorruptCopies = true;
        Func<Task> move = () => store.MoveAsync(source, "processed/big bad.csv", None);
        try
        {
            // The full-object checksum sent with CompleteMultipartUpload makes S3 itself refuse it (BadDigest).
            (await move.Should().ThrowAsync<AmazonS3Exception>()).Which.ErrorCode.Should().Be("BadDigest");
        }
        finally
        {
            server.CorruptCopies = false;
        }

        (await store.ExistsAsync("processed/big bad.csv", None)).Should().BeFalse();
        (await ObjectBytes.ReadAllAsync(store, "raw_files/big bad.csv")).ShouldBeByteForByte(content);
        server.Requests.Should().Contain(r => r.StartsWith("DELETE /" + store.Bucket + "/processed/", StringComparison.Ordinal) && r.Contains("uploadId="),
            "the failed upload is aborted");
    }

    [Fact]
    public async Task MoveAsync_WhenBucketIsVersioned_ShouldRemoveThatVersionByItsIdAndWriteNoDeleteMarker()
    {
        var store = Store(versioned: true);
        await store.PutAsync("raw_files/v.csv", new MemoryStream([1, 2, 3]), None);
        var source = (await store.HeadAsync("raw_files/v.csv", None))!;

        await store.MoveAsync(source, "processed/v.csv", None);

        server.Versions(store.Bucket, "raw_files/v.csv").Should().BeEmpty("the version is removed, not hidden behind a delete marker");
        server.Requests.Should().Contain($"DELETE /{store.Bucket}/raw_files/v.csv?versionId={Uri.EscapeDataString(source.VersionId!)}");
    }

    [Fact]
    public async Task MoveAsync_WhenTargetIsTheSource_ShouldRefuseAndKeepTheObject()
    {
        var store = Store();
        await store.PutAsync("raw_files/same.csv", new MemoryStream([1, 2, 3]), None);
        var same = (await store.HeadAsync("raw_files/same.csv", None))!;

        var move = () => store.MoveAsync(same, "raw_files/same.csv", None);

        await move.Should().ThrowAsync<ArgumentException>();
        (await store.ExistsAsync("raw_files/same.csv", None)).Should().BeTrue();
    }

    [Fact]
    public async Task MoveAsync_WhenTheNamedVersionWasDeleted_ShouldThrowVersionGone()
    {
        var store = Store(versioned: true);
        await store.PutAsync("raw_files/del.csv", new MemoryStream([1]), None);
        var source = (await store.HeadAsync("raw_files/del.csv", None))!;
        await store.DeleteVersionAsync(source, None);

        var move = () => store.MoveAsync(source, "processed/del.csv", None);

        await move.Should().ThrowAsync<ObjectVersionGoneException>();
    }
}
