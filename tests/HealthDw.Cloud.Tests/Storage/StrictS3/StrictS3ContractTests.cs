using HealthDw.Core.Ports;
using HealthDw.Storage.S3;

namespace HealthDw.Cloud.Tests.Storage.StrictS3;

/// <summary>The object-store contract on <see cref="S3ObjectStore"/> against <see cref="StrictS3Server"/>: SSE-KMS ETags,
/// checksums, and a bucket that keeps versions (as the project's bucket does) or not.</summary>
public abstract class StrictS3ContractTests(StrictS3Server server, bool versioned) : ObjectStoreVersionContractTests
{
    protected override bool KeepsVersions => versioned;

    protected override Task<IObjectStore> CreateStoreAsync()
    {
        var bucket = $"contract-{Guid.NewGuid():N}";
        server.CreateBucket(bucket, versioned);
        return Task.FromResult<IObjectStore>(new S3ObjectStore(server.Client, bucket));
    }
}
