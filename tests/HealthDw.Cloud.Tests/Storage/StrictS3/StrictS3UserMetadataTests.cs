using Amazon.S3;
using Amazon.S3.Model;

namespace HealthDw.Cloud.Tests.Storage.StrictS3;

/// <summary>The S3 metadata behaviour on the strict server, and what only it models: the 2 KB limit and the multipart
/// copy, whose object gets the metadata its CreateMultipartUpload names, never the source's.</summary>
[Collection(StrictS3Collection.Name)]
public sealed class StrictS3UserMetadataTests(StrictS3Server server) : S3UserMetadataTests
{
    protected override IAmazonS3 Client => server.Client;

    protected override Task<string> CreateBucketAsync()
    {
        var bucket = $"metadata-{Guid.NewGuid():N}";
        server.CreateBucket(bucket, versioned: true);
        return Task.FromResult(bucket);
    }

    [Fact]
    public async Task PutObject_WhenUserMetadataExceeds2KB_ShouldBeRefusedAsMetadataTooLarge()
    {
        // S3 User Guide, "Working with object metadata": "Within the PUT request header, the user-defined metadata is
        // limited to 2 KB in size", the sum of the UTF-8 bytes of each key and value.
        var bucket = await CreateBucketAsync();
        var put = new PutObjectRequest { BucketName = bucket, Key = "raw_files/a.csv", ContentBody = "id\n", UseChunkEncoding = false };
        put.Metadata["note"] = new string('x', 2048);

        var act = () => Client.PutObjectAsync(put);

        (await act.Should().ThrowAsync<AmazonS3Exception>()).Which.ErrorCode.Should().Be("MetadataTooLarge");
    }

    [Fact]
    public async Task UploadPartCopy_WhenTheSourceHasMetadata_ShouldGiveTheObjectOnlyWhatCreateMultipartUploadNamed()
    {
        // S3 User Guide, "Copying an object using multipart upload"; the AWS CLI's s3 cp documents it: "if the object is
        // copied over in parts, the source object's metadata will not be copied over, no matter the value for --metadata-directive".
        var bucket = await CreateBucketAsync();
        var source = new PutObjectRequest { BucketName = bucket, Key = "processed/a.csv", ContentBody = "id\n1\n", UseChunkEncoding = false };
        source.Metadata["healthdw-origin-version"] = "v1";
        await Client.PutObjectAsync(source);

        var bare = await CopyInOnePartAsync(bucket, "processed/a.csv", "raw_files/bare.csv", null);
        var named = await CopyInOnePartAsync(bucket, "processed/a.csv", "raw_files/named.csv", "v1");

        bare.Metadata.Keys.Should().BeEmpty();
        named.Metadata[OriginHeader].Should().Be("v1");
    }

    private async Task<GetObjectMetadataResponse> CopyInOnePartAsync(string bucket, string from, string to, string? origin)
    {
        var initiate = new InitiateMultipartUploadRequest { BucketName = bucket, Key = to };
        if (origin is not null) initiate.Metadata["healthdw-origin-version"] = origin;
        var upload = await Client.InitiateMultipartUploadAsync(initiate);
        var part = await Client.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = bucket, SourceKey = from, DestinationBucket = bucket, DestinationKey = to, UploadId = upload.UploadId, PartNumber = 1,
        });
        await Client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = to, UploadId = upload.UploadId, PartETags = [new PartETag(1, part.ETag)],
        });
        return await Client.GetObjectMetadataAsync(bucket, to);
    }
}
