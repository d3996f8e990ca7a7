using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace HealthDw.Cloud.Tests.Storage.StrictS3;

/// <summary>The test server's own strictness: the documented S3 behaviours the adapter's tests rely on, checked through
/// the plain SDK, so a server that grew lenient would fail here rather than let an adapter defect through.</summary>
[Collection(StrictS3Collection.Name)]
public sealed class StrictS3ServerTests(StrictS3Server server)
{
    private string Bucket(bool versioned)
    {
        var name = $"server-{Guid.NewGuid():N}";
        server.CreateBucket(name, versioned);
        return name;
    }

    [Fact]
    public async Task CopyObject_WhenBucketIsSseKms_ShouldGiveETagsThatAreNotTheMd5AndDifferFromTheSource()
    {
        // S3 API Reference, "Common Response Headers" (ETag): under SSE-KMS the ETag is not an MD5 digest of the data.
        var bucket = Bucket(versioned: false);
        byte[] content = [1, 2, 3, 4];
        var put = await server.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "a.csv", InputStream = new MemoryStream(content), UseChunkEncoding = false,
        });

        var copy = await server.Client.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "a.csv", DestinationBucket = bucket, DestinationKey = "b.csv",
        });

        put.ETag.Trim('"').Should().NotBe(Convert.ToHexStringLower(MD5.HashData(content)));
        copy.ETag.Should().NotBe(put.ETag);
        put.ServerSideEncryptionMethod.Should().Be(ServerSideEncryptionMethod.AWSKMS);
    }

    [Fact]
    public async Task HeadObject_ShouldGiveChecksumsOnlyWithChecksumModeEnabled()
    {
        // S3 User Guide, "Checking object integrity in Amazon S3": an upload without a checksum gets CRC64NVME, and
        // HeadObject returns checksums only when x-amz-checksum-mode is ENABLED.
        var bucket = Bucket(versioned: false);
        server.SeedWithoutChecksum(bucket, "none.csv", [1]);
        await server.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "sum.csv", InputStream = new MemoryStream([1, 2]), UseChunkEncoding = false,
            ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
        });

        var plain = await server.Client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "sum.csv" });
        var enabled = await server.Client.GetObjectMetadataAsync(new GetObjectMetadataRequest
        {
            BucketName = bucket, Key = "sum.csv", ChecksumMode = ChecksumMode.ENABLED,
        });
        var none = await server.Client.GetObjectMetadataAsync(new GetObjectMetadataRequest
        {
            BucketName = bucket, Key = "none.csv", ChecksumMode = ChecksumMode.ENABLED,
        });

        plain.ChecksumCRC32.Should().BeNullOrEmpty();
        enabled.ChecksumCRC32.Should().NotBeNullOrEmpty();
        enabled.ChecksumType.Should().Be(ChecksumType.FULL_OBJECT);
        none.ChecksumCRC64NVME.Should().BeNullOrEmpty();
        none.ChecksumCRC32.Should().BeNullOrEmpty();
    }

    [Fact]
    public async Task DeleteObject_WhenIfMatchNamesAnOlderETag_ShouldFailWith412AndKeepTheObject()
    {
        // S3 User Guide, "How to perform conditional deletes": If-Match is evaluated against the current version.
        var bucket = Bucket(versioned: false);
        var first = await server.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "k.csv", InputStream = new MemoryStream([1]), UseChunkEncoding = false,
        });
        await server.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "k.csv", InputStream = new MemoryStream([2]), UseChunkEncoding = false,
        });

        var delete = () => server.Client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k.csv", IfMatch = first.ETag });

        (await delete.Should().ThrowAsync<AmazonS3Exception>()).Which.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        server.Versions(bucket, "k.csv").Should().ContainSingle().Which.Content.Should().Equal(2);
    }

    [Fact]
    public async Task DeleteObject_WhenBucketIsVersionedAndNoVersionIsNamed_ShouldHideTheObjectBehindADeleteMarker()
    {
        var bucket = Bucket(versioned: true);
        await server.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "k.csv", InputStream = new MemoryStream([1]), UseChunkEncoding = false,
        });

        await server.Client.DeleteObjectAsync(bucket, "k.csv");

        server.Versions(bucket, "k.csv").Select(v => v.DeleteMarker).Should().Equal(false, true);
        var head = () => server.Client.GetObjectMetadataAsync(bucket, "k.csv");
        (await head.Should().ThrowAsync<AmazonS3Exception>()).Which.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateMultipartUpload_WhenAFullObjectSha256IsAsked_ShouldBeRefused()
    {
        // S3 User Guide, "Checking object integrity in Amazon S3": SHA-1 and SHA-256 are composite-only for multipart uploads.
        var bucket = Bucket(versioned: false);

        var create = () => server.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "m.csv", ChecksumAlgorithm = ChecksumAlgorithm.SHA256, ChecksumType = ChecksumType.FULL_OBJECT,
        });

        (await create.Should().ThrowAsync<AmazonS3Exception>()).Which.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CompleteMultipartUpload_WhenAPartButTheLastIsUnder5MiB_ShouldBeRefusedAsEntityTooSmall()
    {
        var bucket = Bucket(versioned: false);
        server.SeedWithoutChecksum(bucket, "src.csv", new byte[1000]);
        var upload = await server.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "m.csv" });
        var parts = new List<PartETag>();
        for (var i = 0; i < 2; i++)
        {
            var part = await server.Client.CopyPartAsync(new CopyPartRequest
            {
                SourceBucket = bucket, SourceKey = "src.csv", DestinationBucket = bucket, DestinationKey = "m.csv",
                UploadId = upload.UploadId, PartNumber = i + 1, FirstByte = i * 500, LastByte = i * 500 + 499,
            });
            parts.Add(new PartETag(i + 1, part.ETag));
        }

        var complete = () => server.Client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "m.csv", UploadId = upload.UploadId, PartETags = parts,
        });

        (await complete.Should().ThrowAsync<AmazonS3Exception>()).Which.ErrorCode.Should().Be("EntityTooSmall");
    }

    [Fact]
    public async Task PutObject_WhenTheChecksumDoesNotMatchTheBody_ShouldBeRefusedAsBadDigest()
    {
        var bucket = Bucket(versioned: false);

        var put = () => server.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "bad.csv", InputStream = new MemoryStream([1, 2, 3]), UseChunkEncoding = false,
            ChecksumCRC32 = "AAAAAA==",
        });

        (await put.Should().ThrowAsync<AmazonS3Exception>()).Which.ErrorCode.Should().Be("BadDigest");
    }
}
