using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using HealthDw.Core.Ports;

namespace HealthDw.Storage.S3;

/// <summary>
/// A server-side copy of an object too large for one CopyObject (over 5 GB): a multipart upload
/// whose parts are UploadPartCopy ranges of the source. Aborted when any part fails, so no
/// half-built object and no orphaned parts stay behind. The upload asks S3 for a full-object checksum
/// (<c>ChecksumType = FULL_OBJECT</c>: CRC64NVME, CRC32 or CRC32C) and hands it the source's value on completion, so S3
/// itself refuses a copy whose bytes differ (S3 User Guide, "Checking object integrity in Amazon S3"). The parts copy bytes
/// only, so the upload itself names the source's metadata and the origin (<see cref="S3CopyMetadata"/>).
/// </summary>
internal sealed class S3MultipartCopy(IAmazonS3 s3, S3ObjectStoreOptions options)
{
    /// <summary>S3's limit on the number of parts of one upload.</summary>
    private const int MaxParts = 10_000;

    public async Task CopyAsync(ObjectRef source, string toKey, S3FullObjectChecksum expected, S3CopyMetadata metadata, CancellationToken ct)
    {
        if (!S3FullObjectChecksum.FullObjectForMultipart(expected.Algorithm))
            throw new ArgumentException($"a multipart copy has no full-object {expected.Algorithm.Value} checksum", nameof(expected));
        var partSize = Math.Max(options.CopyPartSize, (source.Size + MaxParts - 1) / MaxParts);
        var partCount = (int)Math.Max(1, (source.Size + partSize - 1) / partSize);
        var initiate = new InitiateMultipartUploadRequest
        {
            BucketName = source.Bucket,
            Key = toKey,
            ChecksumAlgorithm = expected.Algorithm,
            ChecksumType = ChecksumType.FULL_OBJECT,
        };
        metadata.ApplyTo(initiate); // UploadPartCopy copies no metadata: the upload names all of it
        var upload = await s3.InitiateMultipartUploadAsync(initiate, ct);
        try
        {
            var parts = new PartETag[partCount];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.CopyParallelism, CancellationToken = ct };
            await Parallel.ForEachAsync(Enumerable.Range(0, partCount), parallel, async (index, token) =>
            {
                var first = index * partSize;
                var response = await s3.CopyPartAsync(new CopyPartRequest
                {
                    SourceBucket = source.Bucket,
                    SourceKey = source.Key,
                    SourceVersionId = source.VersionId,
                    ETagToMatch = [source.ETag],
                    DestinationBucket = source.Bucket,
                    DestinationKey = toKey,
                    UploadId = upload.UploadId,
                    PartNumber = index + 1,
                    FirstByte = first,
                    LastByte = Math.Min(source.Size, first + partSize) - 1,
                }, token);
                parts[index] = new PartETag(response, true) { PartNumber = index + 1 }; // with the part's checksum
            });

            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = source.Bucket,
                Key = toKey,
                UploadId = upload.UploadId,
                PartETags = [.. parts],
                ChecksumType = ChecksumType.FULL_OBJECT,
                ChecksumCRC64NVME = expected.Algorithm == ChecksumAlgorithm.CRC64NVME ? expected.Value : null,
                ChecksumCRC32 = expected.Algorithm == ChecksumAlgorithm.CRC32 ? expected.Value : null,
                ChecksumCRC32C = expected.Algorithm == ChecksumAlgorithm.CRC32C ? expected.Value : null,
            }, ct);
        }
        catch
        {
            await AbortAsync(source.Bucket, toKey, upload.UploadId);
            throw;
        }
    }

    private async Task AbortAsync(string bucket, string key, string uploadId)
    {
        try
        {
            // Not the caller's token: the abort must run even when the copy was cancelled.
            await s3.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, CancellationToken.None);
        }
        catch (Exception abort) when (abort is AmazonServiceException or HttpRequestException)
        {
            // The copy's own failure is what the caller needs; a failed abort leaves parts that the
            // bucket's AbortIncompleteMultipartUpload lifecycle rule removes.
        }
    }
}
