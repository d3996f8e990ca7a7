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
            return new ObjectRef(Bucket, key, head.ContentLength, S3ETag.Bare(head.ETag), S3ETag.VersionOrNull(head.VersionId));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<byte[]> ReadPrefixAsync(string key, int length, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length == 0) return [];
        GetObjectResponse response;
        try
        {
            response = await GetAsync(new GetObjectRequest { BucketName = Bucket, Key = key, ByteRange = new ByteRange(0, length - 1) }, ct);
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

    public async Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        var response = await GetAsync(new GetObjectRequest { BucketName = Bucket, Key = key }, ct);
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

    public async Task MoveAsync(string fromKey, string toKey, CancellationToken ct)
    {
        if (string.Equals(fromKey, toKey, StringComparison.Ordinal))
            throw new ArgumentException($"cannot move '{fromKey}' onto itself (the delete would remove it)", nameof(toKey));
        var source = await HeadAsync(fromKey, ct)
            ?? throw new FileNotFoundException($"object '{fromKey}' does not exist in bucket '{Bucket}'", fromKey);
        var multipart = source.Size > _options.MultipartCopyThreshold;
        if (multipart)
        {
            await _multipartCopy.CopyAsync(source, toKey, ct);
        }
        else
        {
            await _s3.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = Bucket,
                SourceKey = fromKey,
                SourceVersionId = source.VersionId,
                ETagToMatch = source.ETag, // the version we checked: a file replaced meanwhile fails with 412
                DestinationBucket = Bucket,
                DestinationKey = toKey,
            }, ct);
        }

        await VerifyCopyAsync(source, toKey, compareETags: !multipart && !S3ETag.IsMultipart(source.ETag), ct);
        await DeleteAsync(fromKey, ct);
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
        }, ct);

    private async Task<GetObjectResponse> GetAsync(GetObjectRequest request, CancellationToken ct)
    {
        try
        {
            return await _s3.GetObjectAsync(request, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"object '{request.Key}' does not exist in bucket '{Bucket}'", request.Key, e);
        }
    }

    private async Task VerifyCopyAsync(ObjectRef source, string toKey, bool compareETags, CancellationToken ct)
    {
        var copy = await HeadAsync(toKey, ct)
            ?? throw new S3CopyMismatchException(Bucket, source.Key, toKey, "the copy is missing");
        if (copy.Size != source.Size)
            throw new S3CopyMismatchException(Bucket, source.Key, toKey, $"size {copy.Size} instead of {source.Size}");
        if (compareETags && !string.Equals(copy.ETag, source.ETag, StringComparison.Ordinal))
            throw new S3CopyMismatchException(Bucket, source.Key, toKey, $"ETag {copy.ETag} instead of {source.ETag}");
    }
}
