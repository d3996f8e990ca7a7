using Amazon.S3.Model;
using HealthDw.Cloud.Tests.Storage.StrictS3;
using HealthDw.Core.Ports;
using HealthDw.Storage.S3;

namespace HealthDw.Cloud.Tests.Storage;

/// <summary>
/// The identity a file keeps through the S3 adapter's moves (<see cref="ObjectRef.OriginVersion"/>): a copy in a versioned
/// bucket is a new version with a version id of its own (S3 API Reference, "CopyObject"), and under SSE-KMS a new ETag, so
/// the move writes the source's token into the copy's user metadata and every later move keeps it. The copy is made as S3
/// documents metadata on copies: REPLACE restates everything kept (S3 API Reference, "CopyObject": x-amz-metadata-directive),
/// a multipart copy names it all in CreateMultipartUpload (S3 User Guide, "Copying an object using multipart upload"), and
/// user metadata stays within 2 KB (S3 User Guide, "Working with object metadata").
/// </summary>
[Collection(StrictS3Collection.Name)]
public sealed class S3ObjectStoreOriginTests(StrictS3Server server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private S3ObjectStore Store(bool versioned = true, S3ObjectStoreOptions? options = null)
    {
        var bucket = $"origin-{Guid.NewGuid():N}";
        server.CreateBucket(bucket, versioned);
        return new S3ObjectStore(server.Client, bucket, options);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MoveAsync_WhenTheSourceWasNeverMoved_ShouldRecordItsTokenOnTheCopyAndKeepItsOwnMetadata(bool versioned)
    {
        var store = Store(versioned);
        await PutAsync(store, "raw_files/a.csv", ObjectBytes.Seeded(5_000, seed: 1), ("vendor", "acme"));
        var upload = (await store.HeadAsync("raw_files/a.csv", None))!;
        upload.OriginVersion.Should().BeNull("a vendor's upload was never copied");

        await store.MoveAsync(upload, "processed/d/a.csv", None);

        var archived = (await store.HeadAsync("processed/d/a.csv", None))!;
        archived.OriginVersion.Should().Be(upload.StoredToken, versioned ? "the upload's version id" : "the upload's ETag");
        archived.VersionToken.Should().Be(upload.VersionToken, "the ledger's identity survives the copy");
        var head = await server.Client.GetObjectMetadataAsync(store.Bucket, "processed/d/a.csv");
        head.Metadata["x-amz-meta-vendor"].Should().Be("acme", "REPLACE restated the source's own metadata");
        head.Headers.ContentType.Should().Be("text/csv");
    }

    [Fact]
    public async Task MoveAsync_WhenTheSourceCarriesAnOrigin_ShouldKeepItThroughEveryLaterMove()
    {
        var store = Store();
        await PutAsync(store, "raw_files/a.csv", ObjectBytes.Seeded(5_000, seed: 2));
        var upload = (await store.HeadAsync("raw_files/a.csv", None))!;
        await store.MoveAsync(upload, "processed/d/a.csv", None);

        await store.MoveAsync((await store.HeadAsync("processed/d/a.csv", None))!, "raw_files/a.csv", None); // a replay
        var back = (await store.HeadAsync("raw_files/a.csv", None))!;
        await store.MoveAsync(back, "processed/d/a.csv", None); // archived again

        back.VersionId.Should().NotBe(upload.VersionId);
        back.OriginVersion.Should().Be(upload.VersionId);
        (await store.HeadAsync("processed/d/a.csv", None))!.OriginVersion.Should().Be(upload.VersionId);
    }

    [Fact]
    public async Task MoveAsync_WhenTheCopyIsMultipart_ShouldNameTheOriginAndTheSourcesMetadataInTheUpload()
    {
        var store = Store(options: new S3ObjectStoreOptions
        {
            MultipartCopyThreshold = 6L * 1024 * 1024, CopyPartSize = StrictS3Server.MinPartSize, CopyParallelism = 2,
        });
        await PutAsync(store, "raw_files/big.csv", ObjectBytes.Seeded(11 * 1024 * 1024, seed: 3), ("vendor", "acme"));
        var upload = (await store.HeadAsync("raw_files/big.csv", None))!;

        await store.MoveAsync(upload, "processed/d/big.csv", None);

        (await store.HeadAsync("processed/d/big.csv", None))!.OriginVersion.Should().Be(upload.VersionId);
        var head = await server.Client.GetObjectMetadataAsync(store.Bucket, "processed/d/big.csv");
        head.Metadata["x-amz-meta-vendor"].Should().Be("acme");
        head.Headers.ContentType.Should().Be("text/csv");
        server.Requests.Should().Contain(r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains("partNumber=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MoveAsync_WhenTheSourcesMetadataLeavesNoRoomForTheOrigin_ShouldCopyItAsItIsWithoutOne()
    {
        var store = Store();
        await PutAsync(store, "raw_files/a.csv", ObjectBytes.Seeded(1_000, seed: 4), ("note", new string('x', 2000)));
        var upload = (await store.HeadAsync("raw_files/a.csv", None))!;

        await store.MoveAsync(upload, "processed/d/a.csv", None);

        (await store.HeadAsync("processed/d/a.csv", None))!.OriginVersion.Should().BeNull("2 KB of user metadata at most");
        (await server.Client.GetObjectMetadataAsync(store.Bucket, "processed/d/a.csv")).Metadata["x-amz-meta-note"].Should().HaveLength(2000);
    }

    private async Task PutAsync(S3ObjectStore store, string key, byte[] content, params (string Name, string Value)[] metadata)
    {
        var put = new PutObjectRequest
        {
            BucketName = store.Bucket, Key = key, InputStream = new MemoryStream(content), ContentType = "text/csv", UseChunkEncoding = false,
        };
        foreach (var (name, value) in metadata) put.Metadata[name] = value;
        await server.Client.PutObjectAsync(put);
    }
}
