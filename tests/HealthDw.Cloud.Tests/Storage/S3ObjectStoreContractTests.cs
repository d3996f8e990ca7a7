using Amazon.S3.Model;
using HealthDw.Core.Ports;
using HealthDw.Storage.S3;

namespace HealthDw.Cloud.Tests.Storage;

/// <summary>The object-store contract on <see cref="S3ObjectStore"/> against s3rver: each test gets a bucket of its own.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3ObjectStoreContractTests(S3rverFixture s3rver) : ObjectStoreContractTests
{
    protected override async Task<IObjectStore> CreateStoreAsync()
    {
        var bucket = $"contract-{Guid.NewGuid():N}";
        await s3rver.Client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return new S3ObjectStore(s3rver.Client, bucket);
    }

    protected override async Task DisposeStoreAsync(IObjectStore store)
    {
        var keys = await store.ListAsync("", CancellationToken.None).Select(o => o.Key).ToListAsync();
        foreach (var key in keys)
            await store.DeleteAsync(key, CancellationToken.None);
        await s3rver.Client.DeleteBucketAsync(new DeleteBucketRequest { BucketName = store.Bucket });
    }
}
