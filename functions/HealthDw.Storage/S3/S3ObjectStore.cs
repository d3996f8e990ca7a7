using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using HealthDw.Core.Ports;

namespace HealthDw.Storage.S3;

/// <summary>
/// The bucket on AWS, over AWSSDK.S3. Keys are plain strings (the SDK encodes them on the wire).
/// ETags are kept without their quotes; a "null" version id (unversioned or suspended bucket)
/// counts as none, so the ETag stands for the version. A listing prefix names a folder, as in
/// <see cref="FolderObjectStore"/>: "raw_files" lists "raw_files/..." only.
/// </summary>
public sealed class S3ObjectStore : IObjectStore
{
    private readonly IAmazonS3 _s3;
    private readonly S3ObjectStoreOptions _options;
    private readonly S3MultipartCopy _multipartCopy;

    public S3ObjectStore(IAmazonS3 s3, string bucket, S3ObjectStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        _s3 = s3;
        _options = options ?? new S3ObjectStoreOptions();
        _options.Validate();
        _multipartCopy = new S3MultipartCopy(s3, _options);
        Bucket = bucket;
    }

    public string Bucket { get; }

    public async Task<ObjectRef?> HeadAsync(string key, CancellationToken ct)
    {
        try
        {
            var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = key }, ct);
            return new ObjectRef(Bucket, key, head.ContentLength, S3ETag.Bare(head.ETag), S3ETag.VersionOrNull(head.VersionId),
                S3CopyMetadata.OriginOf(head.Metadata));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<byte[]> ReadPrefixAsync(ObjectRef version, int length, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length == 0) return [];
        GetObjectResponse response;
        try
        {
            response = await GetAsync(version, new ByteRange(0, length - 1), ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return []; // an empty object has no byte 0
        }

        using (response)
        {
            var buffer = new byte[length];
            var read = await response.ResponseStream.ReadAtLeastAsync(buffer, length, throwOnEndOfStream: false, ct);
            return read == length ? buffer : buffer[..read];
        }
    }

    public async Task<Stream> OpenReadAsync(ObjectRef version, CancellationToken ct)
    {
        var response = await GetAsync(version, null, ct);
        return response.ResponseStream; // disposing it releases the connection
    }

    public async Task PutAsync(string key, Stream content, CancellationToken ct)
    {
        if (content.CanSeek)
        {
            await PutSeekableAsync(key, content, ct);
            return;
        }

        // The SDK needs the length up front (and reads the body twice for its checksum): spool to a temp file.
        var spool = Path.Combine(Path.GetTempPath(), "healthdw-put-" + Guid.NewGuid().ToString("N"));
        await using var file = new FileStream(spool, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await content.CopyToAsync(file, ct);
        file.Position = 0;
        await PutSeekableAsync(key, file, ct);
    }

    /// <summary>
    /// Copies the named version (CopySourceVersionId, or the ETag as a precondition where the bucket keeps no versions),
    /// checks the copy by size and by a full-object checksum that S3 computes for it, then removes that version only.
    /// <para>Why a checksum: under SSE-KMS (this bucket) an ETag is no MD5 of the content, and a copy gets another ETag
    /// (S3 API Reference, "Common Response Headers": ETag), so comparing ETags refuses every good copy. S3 instead
    /// computes a checksum on the copy with the algorithm the request names (S3 User Guide, "Checking object integrity in
    /// Amazon S3"). The copy asks for the source's own full-object algorithm where S3 can give the copy one of it (a single
    /// CopyObject: any; a multipart copy: CRC64NVME, CRC32 or CRC32C), and the two values must match. A source without a
    /// usable one (uploaded before S3 added default checksums, or a multipart upload with a composite checksum) is read
    /// once, the named version, and its CRC64NVME computed here; the copy asks for CRC64NVME. That read is the one cost,
    /// paid only for such sources.</para>
    /// <para>The remove: in a versioned bucket, DeleteObject with the VersionId (s3:DeleteObjectVersion), which removes
    /// exactly that version and leaves no delete marker, so a newer version written meanwhile stays current and
    /// visible. In an unversioned bucket, DeleteObject with If-Match on the ETag (S3 User Guide, "How to perform
    /// conditional deletes"; s3:DeleteObject and s3:GetObject): a key that holds newer content by then is left alone.</para>
    /// <para>The identity: the copy is a new version, so it records the source's token as its origin (user metadata, kept by
    /// every later copy; <see cref="S3CopyMetadata"/>), and <see cref="HeadAsync"/> reads it back: a file archived and
    /// copied back into raw_files/ is still the version the ledger loaded or the audit trail refused.</para>
    /// </summary>
    public async Task MoveAsync(ObjectRef version, string toKey, CancellationToken ct)
    {
        if (string.Equals(version.Key, toKey, StringComparison.Ordinal))
            throw new ArgumentException($"cannot move '{version.Key}' onto itself (the delete would remove it)", nameof(toKey));
        var (source, sourceChecksum, head) = await HeadVersionAsync(version, ct);
        var metadata = S3CopyMetadata.For(head, source);
        var multipart = source.Size > _options.MultipartCopyThreshold;
        var expected = sourceChecksum is { } own && (!multipart || S3FullObjectChecksum.FullObjectForMultipart(own.Algorithm))
            ? own
            : new S3FullObjectChecksum(ChecksumAlgorithm.CRC64NVME, await ComputeCrc64NvmeAsync(source, ct));
        if (multipart)
        {
            await _multipartCopy.CopyAsync(source, toKey, expected, metadata, ct);
        }
        else
        {
            var copy = new CopyObjectRequest
            {
                SourceBucket = Bucket,
                SourceKey = source.Key,
                SourceVersionId = source.VersionId,
                ETagToMatch = source.ETag, // the version we checked: a file replaced meanwhile fails with 412
                DestinationBucket = Bucket,
                DestinationKey = toKey,
                ChecksumAlgorithm = expected.Algorithm,
            };
            metadata.ApplyTo(copy);
            await _s3.CopyObjectAsync(copy, ct);
        }

        await VerifyCopyAsync(source, toKey, expected, ct);
        await DeleteVersionAsync(source, ct);
    }

    public async Task DeleteVersionAsync(ObjectRef version, CancellationToken ct)
    {
        try
        {
            await _s3.DeleteObjectAsync(string.IsNullOrEmpty(version.VersionId)
                ? new DeleteObjectRequest { BucketName = Bucket, Key = version.Key, IfMatch = Quoted(version.ETag) }
                : new DeleteObjectRequest { BucketName = Bucket, Key = version.Key, VersionId = version.VersionId }, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            // The key holds newer content (or nothing): that version is gone already, and what is there now is not ours to remove.
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct) =>
        _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = key }, ct);

    public async Task<bool> ExistsAsync(string key, CancellationToken ct) => await HeadAsync(key, ct) is not null;

    public async IAsyncEnumerable<ObjectRef> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var request = new ListObjectsV2Request
        {
            BucketName = Bucket,
            Prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/",
            MaxKeys = _options.ListPageSize,
        };
        while (true)
        {
            var page = await _s3.ListObjectsV2Async(request, ct);
            foreach (var item in page.S3Objects ?? []) // null, not empty, when nothing matches (SDK v4)
            {
                yield return new ObjectRef(Bucket, item.Key, item.Size ?? 0, S3ETag.Bare(item.ETag), null);
            }

            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken)) yield break;
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    private Task PutSeekableAsync(string key, Stream content, CancellationToken ct) =>
        _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = false, // the caller owns the stream
            AutoResetStreamPosition = false, // upload from where the caller left it
            // A plain body with Content-Length: aws-chunked bodies are stored verbatim (corrupted)
            // by S3-compatible servers that do not decode them, and S3 itself accepts either.
            UseChunkEncoding = false,
            // A full-object checksum S3 checks on arrival and keeps (S3 User Guide, "Checking object integrity in
            // Amazon S3"); a move compares it with the copy's. CRC32: the SDK computes it without the CRT package.
            ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
        }, ct);

    /// <summary>A GET of exactly that version: by VersionId, or where the bucket keeps no versions, with If-Match on its ETag.</summary>
    private async Task<GetObjectResponse> GetAsync(ObjectRef version, ByteRange? range, CancellationToken ct)
    {
        var request = new GetObjectRequest { BucketName = Bucket, Key = version.Key, ByteRange = range };
        if (string.IsNullOrEmpty(version.VersionId)) request.EtagToMatch = Quoted(version.ETag);
        else request.VersionId = version.VersionId;
        try
        {
            return await _s3.GetObjectAsync(request, ct);
        }
        catch (AmazonS3Exception e) when (VersionGone(e))
        {
            throw new ObjectVersionGoneException(version, $"S3 answered {(int)e.StatusCode} {e.ErrorCode}");
        }
    }

    /// <summary>That version's metadata and its full-object checksum, if S3 holds one.</summary>
    private async Task<(ObjectRef Version, S3FullObjectChecksum? Checksum, GetObjectMetadataResponse Head)> HeadVersionAsync(ObjectRef version, CancellationToken ct)
    {
        var request = new GetObjectMetadataRequest { BucketName = Bucket, Key = version.Key, ChecksumMode = ChecksumMode.ENABLED };
        if (string.IsNullOrEmpty(version.VersionId)) request.EtagToMatch = Quoted(version.ETag);
        else request.VersionId = version.VersionId;
        GetObjectMetadataResponse head;
        try
        {
            head = await _s3.GetObjectMetadataAsync(request, ct);
        }
        catch (AmazonS3Exception e) when (VersionGone(e))
        {
            throw new ObjectVersionGoneException(version, $"S3 answered {(int)e.StatusCode} {e.ErrorCode}");
        }

        var found = new ObjectRef(Bucket, version.Key, head.ContentLength, S3ETag.Bare(head.ETag), S3ETag.VersionOrNull(head.VersionId),
            S3CopyMetadata.OriginOf(head.Metadata));
        return (found, S3FullObjectChecksum.From(head.ChecksumType?.Value, head.ChecksumCRC64NVME, head.ChecksumCRC32,
            head.ChecksumCRC32C, head.ChecksumSHA256, head.ChecksumSHA1), head);
    }

    /// <summary>A source without a full-object checksum: read that version once and compute its CRC64NVME.</summary>
    private async Task<string> ComputeCrc64NvmeAsync(ObjectRef source, CancellationToken ct)
    {
        await using var content = await OpenReadAsync(source, ct);
        return await Crc64Nvme.OfAsync(content, ct);
    }

    private async Task VerifyCopyAsync(ObjectRef source, string toKey, S3FullObjectChecksum expected, CancellationToken ct)
    {
        GetObjectMetadataResponse copy;
        try
        {
            copy = await _s3.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = Bucket, Key = toKey, ChecksumMode = ChecksumMode.ENABLED }, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new S3CopyMismatchException(Bucket, source.Key, toKey, "the copy is missing");
        }

        if (copy.ContentLength != source.Size)
            throw new S3CopyMismatchException(Bucket, source.Key, toKey, $"size {copy.ContentLength} instead of {source.Size}");
        var actual = S3FullObjectChecksum.Pick(expected.Algorithm, copy.ChecksumCRC64NVME, copy.ChecksumCRC32, copy.ChecksumCRC32C,
            copy.ChecksumSHA256, copy.ChecksumSHA1);
        if (actual is null)
            throw new S3CopyMismatchException(Bucket, source.Key, toKey, $"the copy has no {expected.Algorithm.Value} checksum to compare");
        if (!string.Equals(actual, expected.Value, StringComparison.Ordinal))
            throw new S3CopyMismatchException(Bucket, source.Key, toKey, $"{expected.Algorithm.Value} checksum {actual} instead of {expected.Value}");
    }

    /// <summary>404 (no such key, no such version) or 412 (If-Match failed: the key holds other content now).
    /// A malformed or foreign version id is a 400 InvalidArgument, which stays an error.</summary>
    private static bool VersionGone(AmazonS3Exception e) =>
        e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed;

    private static string Quoted(string etag) => $"\"{etag}\"";
}
