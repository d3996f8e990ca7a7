using Amazon.S3;
using Amazon.S3.Model;

namespace HealthDw.Cloud.Tests.Storage;

/// <summary>The S3 metadata behaviour on s3rver.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3rverUserMetadataTests(S3rverFixture s3rver) : S3UserMetadataTests
{
    protected override IAmazonS3 Client => s3rver.Client;

    protected override async Task<string> CreateBucketAsync()
    {
        var bucket = $"metadata-{Guid.NewGuid():N}";
        await s3rver.Client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return bucket;
    }
}
