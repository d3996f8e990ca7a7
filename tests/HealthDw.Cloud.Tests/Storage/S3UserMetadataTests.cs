using Amazon.S3;
using Amazon.S3.Model;

namespace HealthDw.Cloud.Tests.Storage;

/// <summary>
/// The S3 metadata behaviour the replay's exactly-once rests on, run against both test servers (s3rver and the strict
/// one), so neither fake can drift from what S3 documents: a PUT's x-amz-meta-* headers come back from HeadObject and
/// GetObject (S3 User Guide, "Working with object metadata"; S3 API Reference, "HeadObject"); CopyObject copies the source's
/// user metadata by default, x-amz-metadata-directive COPY, whatever the request sends, and with REPLACE the copy gets
/// only what the request names (S3 API Reference, "CopyObject"; S3 User Guide, "Copying, moving, and renaming objects").
/// </summary>
public abstract class S3UserMetadataTests
{
    protected const string OriginHeader = "x-amz-meta-healthdw-origin-version";

    protected abstract IAmazonS3 Client { get; }

    protected abstract Task<string> CreateBucketAsync();

    [Fact]
    public async Task HeadAndGet_WhenThePutCarriedUserMetadata_ShouldReturnIt()
    {
        var bucket = await CreateBucketAsync();
        await PutAsync(bucket, "processed/a.csv", ("healthdw-origin-version", "v1"), ("vendor", "acme"));

        var head = await Client.GetObjectMetadataAsync(bucket, "processed/a.csv");
        using var get = await Client.GetObjectAsync(bucket, "processed/a.csv");

        head.Metadata[OriginHeader].Should().Be("v1");
        head.Metadata["x-amz-meta-vendor"].Should().Be("acme");
        get.Metadata[OriginHeader].Should().Be("v1");
    }

    [Fact]
    public async Task CopyObject_WhenTheDirectiveIsCopy_ShouldKeepTheSourcesMetadataAndIgnoreTheRequests()
    {
        var bucket = await CreateBucketAsync();
        await PutAsync(bucket, "processed/a.csv", ("healthdw-origin-version", "v1"));
        var copy = new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "processed/a.csv", DestinationBucket = bucket, DestinationKey = "raw_files/a.csv",
        };
        copy.Metadata["healthdw-origin-version"] = "other"; // ignored: COPY is the default directive

        await Client.CopyObjectAsync(copy);

        var head = await Client.GetObjectMetadataAsync(bucket, "raw_files/a.csv");
        head.Metadata[OriginHeader].Should().Be("v1");
        head.Headers.ContentType.Should().Be("text/csv");
    }

    [Fact]
    public async Task CopyObject_WhenTheDirectiveIsReplaceWithoutMetadata_ShouldDropTheSourcesMetadata()
    {
        var bucket = await CreateBucketAsync();
        await PutAsync(bucket, "processed/a.csv", ("healthdw-origin-version", "v1"), ("vendor", "acme"));

        await Client.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "processed/a.csv", DestinationBucket = bucket, DestinationKey = "raw_files/a.csv",
            MetadataDirective = S3MetadataDirective.REPLACE,
        });

        var head = await Client.GetObjectMetadataAsync(bucket, "raw_files/a.csv");
        head.Metadata.Keys.Should().BeEmpty("REPLACE keeps only what the request restates");
        head.Headers.ContentType.Should().NotBe("text/csv", "a Content-Type not restated is not kept either");
    }

    [Fact]
    public async Task CopyObject_WhenTheDirectiveIsReplaceWithMetadata_ShouldGiveTheCopyThatOnly()
    {
        var bucket = await CreateBucketAsync();
        await PutAsync(bucket, "raw_files/a.csv", ("vendor", "acme"));
        var copy = new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "raw_files/a.csv", DestinationBucket = bucket, DestinationKey = "processed/a.csv",
            MetadataDirective = S3MetadataDirective.REPLACE, ContentType = "text/csv",
        };
        copy.Metadata["healthdw-origin-version"] = "v1";

        await Client.CopyObjectAsync(copy);

        var head = await Client.GetObjectMetadataAsync(bucket, "processed/a.csv");
        head.Metadata.Keys.Should().Equal(OriginHeader);
        head.Metadata[OriginHeader].Should().Be("v1");
        head.Headers.ContentType.Should().Be("text/csv");
    }

    private async Task PutAsync(string bucket, string key, params (string Name, string Value)[] metadata)
    {
        var put = new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "id\n1\n", ContentType = "text/csv", UseChunkEncoding = false };
        foreach (var (name, value) in metadata) put.Metadata[name] = value;
        await Client.PutObjectAsync(put);
    }
}
