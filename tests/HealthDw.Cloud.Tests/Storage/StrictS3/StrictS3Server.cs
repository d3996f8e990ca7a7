using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using HealthDw.TestHttp;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.S3;

namespace HealthDw.Cloud.Tests.Storage.StrictS3;

/// <summary>
/// An S3 endpoint for tests that is strict where s3rver is silent: exactly the REST subset the adapter uses (path-style
/// PutObject, GetObject with Range, HeadObject, CopyObject, DeleteObject, ListObjectsV2, and the multipart copy:
/// CreateMultipartUpload, UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload), over <see cref="TcpHttpServer"/> on a
/// loopback port the OS picked. Anything else is refused with 501, so the adapter cannot come to rely on what this server does not model.
/// What it models, from the S3 documentation:
/// <list type="bullet">
/// <item>SSE-KMS, as the bucket is configured: every write gets an ETag that is not the MD5 of the content, and a copy
/// gets another ETag than its source (S3 API Reference, "Common Response Headers": ETag; S3 User Guide, "Using
/// server-side encryption with AWS KMS keys").</item>
/// <item>Checksums (S3 User Guide, "Checking object integrity in Amazon S3"): a PUT's x-amz-checksum-* value is checked
/// (400 BadDigest); an upload without one gets the default CRC64NVME; CopyObject computes the algorithm the request names,
/// else keeps the source's; a multipart upload's checksum is FULL_OBJECT or COMPOSITE ("-N"), and SHA-1/SHA-256 cannot be
/// full-object; HEAD and GET give checksums only with x-amz-checksum-mode: ENABLED, and a ranged GET none.</item>
/// <item>Versioning, per bucket: a versioned bucket keeps every version by VersionId, a DELETE by key writes a delete
/// marker, a DELETE with versionId removes that version only; an unversioned one keeps the newest content per key.</item>
/// <item>Preconditions: If-Match on GET and HEAD, x-amz-copy-source-if-match on copies (412), and If-Match on DELETE,
/// evaluated against the current version (S3 User Guide, "How to perform conditional deletes": 412, or 404 when absent).</item>
/// <item>Multipart: parts of at least 5 MiB but the last (EntityTooSmall), part ETags as returned (InvalidPart).</item>
/// <item>Metadata (S3 User Guide, "Working with object metadata"; S3 API Reference, "CopyObject", "HeadObject",
/// "CreateMultipartUpload"): a PUT keeps its x-amz-meta-* headers (at most 2 KB, counted as the UTF-8 bytes of each name
/// and value: 400 MetadataTooLarge) and Content-Type, Content-Encoding, Content-Disposition, Content-Language and
/// Cache-Control, and GET and HEAD return them. CopyObject's x-amz-metadata-directive is COPY by default (the source's
/// metadata, whatever the request sends) or REPLACE (the request's only: what it does not restate is gone, and a
/// Content-Type not restated becomes binary/octet-stream); a copy onto itself must REPLACE. A multipart upload gets the
/// metadata of its CreateMultipartUpload: UploadPartCopy copies bytes, never the source's metadata.</item>
/// </list>
/// </summary>
public sealed class StrictS3Server : IDisposable
{
    public const long MinPartSize = 5L * 1024 * 1024;

    /// <summary>The bucket's default key, as S3 names it in x-amz-server-side-encryption-aws-kms-key-id.</summary>
    public const string KmsKeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private readonly TcpHttpServer _server;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly object _gate = new();

    public StrictS3Server()
    {
        _server = new TcpHttpServer((exchange, _) => Task.FromResult(Handle(exchange)));
        Client = new AmazonS3Client(new BasicAWSCredentials("STRICT", "STRICT"), new AmazonS3Config
        {
            ServiceURL = $"http://127.0.0.1:{Port}",
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            Timeout = TimeSpan.FromSeconds(30),
            MaxErrorRetry = 0,
        });
    }

    /// <summary>The loopback port the OS gave the server (port 0): test processes running at once never collide.</summary>
    public int Port => _server.Port;

    public IAmazonS3 Client { get; }

    /// <summary>Each request as "METHOD /path?query" (raw), in arrival order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>When set, every CopyObject and UploadPartCopy writes its bytes with one bit flipped (a fault no real S3
    /// should have): the copy's checksum, computed over what was written, then differs from the source's.</summary>
    public bool CorruptCopies { get; set; }

    public void CreateBucket(string name, bool versioned) => _buckets[name] = new Bucket(versioned);

    /// <summary>Stores an object as one uploaded before S3 added default checksums: no checksum at all.</summary>
    public string SeedWithoutChecksum(string bucket, string key, byte[] content)
    {
        lock (_gate)
            return Put(_buckets[bucket], key, content, null, Metadata.None).VersionId;
    }

    /// <summary>The versions S3 holds for a key, oldest first (delete markers included, with no content).</summary>
    public IReadOnlyList<(string VersionId, bool DeleteMarker, byte[] Content)> Versions(string bucket, string key)
    {
        lock (_gate)
            return _buckets[bucket].Keys.TryGetValue(key, out var versions)
                ? versions.Select(v => (v.VersionId, v.DeleteMarker, v.Content)).ToList()
                : [];
    }

    public void Dispose()
    {
        Client.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private HttpAnswer Handle(HttpExchange exchange)
    {
        _requests.Enqueue($"{exchange.Method} {exchange.RawTarget}");
        Reply reply;
        try
        {
            lock (_gate)
                reply = Route(new Call(exchange));
        }
        catch (S3Error e)
        {
            reply = Reply.Error(e.Status, e.Code, e.Message);
        }

        return new HttpAnswer(reply.Status, reply.Body, reply.Headers) { HeadLength = reply.HeadLength ?? 0 };
    }

    private Reply Route(Call call)
    {
        if (call.Key is null)
        {
            return (call.Method, call.Bucket) switch
            {
                ("PUT", _) when call.Query.Count == 0 => CreateBucketCall(call),
                ("DELETE", _) when call.Query.Count == 0 => DeleteBucketCall(call),
                ("GET", _) when call.Query.GetValueOrDefault("list-type") == "2" => ListObjectsV2(call),
                _ => throw NotImplemented(call),
            };
        }

        var copySource = call.Header("x-amz-copy-source");
        return call.Method switch
        {
            "PUT" when copySource is not null && call.Query.ContainsKey("uploadId") => UploadPartCopy(call, copySource),
            "PUT" when copySource is not null => CopyObject(call, copySource),
            "PUT" when call.Query.Count == 0 => PutObject(call),
            "GET" or "HEAD" when call.Query.Keys.All(k => k == "versionId") => GetObject(call),
            "DELETE" when call.Query.ContainsKey("uploadId") => AbortMultipartUpload(call),
            "DELETE" when call.Query.Keys.All(k => k == "versionId") => DeleteObject(call),
            "POST" when call.Query.ContainsKey("uploads") => CreateMultipartUpload(call),
            "POST" when call.Query.ContainsKey("uploadId") => CompleteMultipartUpload(call),
            _ => throw NotImplemented(call),
        };
    }

    private Reply CreateBucketCall(Call call)
    {
        _buckets.TryAdd(call.Bucket, new Bucket(Versioned: false));
        return Reply.Empty(200);
    }

    private Reply DeleteBucketCall(Call call)
    {
        var bucket = BucketOf(call.Bucket);
        if (bucket.Keys.Values.Any(v => v.Count > 0))
            throw new S3Error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty");
        _buckets.TryRemove(call.Bucket, out _);
        return Reply.Empty(204);
    }

    private Reply PutObject(Call call)
    {
        var bucket = BucketOf(call.Bucket);
        if (call.Header("x-amz-trailer") is not null || (call.Header("content-encoding") ?? "").Contains("aws-chunked", StringComparison.Ordinal)
            || (call.Header("x-amz-content-sha256") ?? "").StartsWith("STREAMING-", StringComparison.Ordinal))
            throw new S3Error(501, "NotImplemented", "this test server takes plain bodies only (aws-chunked bodies and trailing checksums are not modelled)");
        if (call.Header("content-md5") is { } md5 && md5 != Convert.ToBase64String(MD5.HashData(call.Body)))
            throw new S3Error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
        var checksum = UploadedChecksum(call, call.Body);
        var version = Put(bucket, call.Key!, call.Body, checksum ?? Full(StrictS3Checksums.Crc64Nvme, call.Body), MetadataOf(call));
        var reply = Reply.Empty(200).With("ETag", Quote(version.ETag)).Kms()
            .With(StrictS3Checksums.Header(version.Checksum!.Algorithm), version.Checksum.Value)
            .With("x-amz-checksum-type", version.Checksum.Type);
        return bucket.Versioned ? reply.With("x-amz-version-id", version.VersionId) : reply;
    }

    /// <summary>The checksum a PUT carries, checked against the body; S3 requires the value with the algorithm's name.</summary>
    private static Checksum? UploadedChecksum(Call call, byte[] body)
    {
        Checksum? found = null;
        foreach (var algorithm in StrictS3Checksums.Algorithms)
        {
            if (call.Header(StrictS3Checksums.Header(algorithm)) is not { } value) continue;
            if (found is not null) throw new S3Error(400, "InvalidRequest", "Expecting a single x-amz-checksum- header");
            if (StrictS3Checksums.Compute(algorithm, body) != value)
                throw new S3Error(400, "BadDigest", $"The {algorithm} you specified did not match the calculated checksum.");
            found = Full(algorithm, body);
        }

        if (call.Header("x-amz-sdk-checksum-algorithm") is { } named && found?.Algorithm != named.ToUpperInvariant())
            throw new S3Error(400, "InvalidRequest", "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.");
        return found;
    }

    private Reply GetObject(Call call)
    {
        var bucket = BucketOf(call.Bucket);
        var version = Resolve(bucket, call.Key!, call.Query.GetValueOrDefault("versionId"));
        CheckIfMatch(call.Header("if-match"), version.ETag);
        var content = version.Content;
        var reply = Reply.Empty(200).With("ETag", Quote(version.ETag)).With("Last-Modified", version.Modified.ToString("R", CultureInfo.InvariantCulture))
            .Kms().With("Accept-Ranges", "bytes").WithMetadata(version.Metadata);
        if (bucket.Versioned) reply = reply.With("x-amz-version-id", version.VersionId);
        if (call.Header("range") is { } range)
        {
            var (first, last) = ParseRange(range);
            if (first >= content.Length)
                throw new S3Error(416, "InvalidRange", "The requested range is not satisfiable");
            last = Math.Min(last, content.Length - 1);
            return (reply with { Status = 206, Body = content[(int)first..(int)(last + 1)], HeadLength = last - first + 1 })
                .With("Content-Range", $"bytes {first}-{last}/{content.Length}");
        }

        if (string.Equals(call.Header("x-amz-checksum-mode"), "ENABLED", StringComparison.Ordinal) && version.Checksum is { } checksum)
            reply = reply.With(StrictS3Checksums.Header(checksum.Algorithm), checksum.Value).With("x-amz-checksum-type", checksum.Type);
        return reply with { Body = call.Method == "HEAD" ? [] : content, HeadLength = content.Length };
    }

    private Reply CopyObject(Call call, string copySource)
    {
        var bucket = BucketOf(call.Bucket);
        var source = CopySource(call, copySource);
        var content = Written(source.Content);
        var requested = call.Header("x-amz-checksum-algorithm")?.ToUpperInvariant();
        if (requested is not null && !StrictS3Checksums.Algorithms.Contains(requested))
            throw new S3Error(400, "InvalidRequest", $"Checksum algorithm {requested} is not supported");
        // "If the CopyObject request does not include this x-amz-checksum-algorithm header, the checksum algorithm will be
        // copied from the source object to the destination object (if it's present on the source object)."
        var algorithm = requested ?? source.Checksum?.Algorithm;
        var directive = call.Header("x-amz-metadata-directive") ?? "COPY";
        if (directive is not ("COPY" or "REPLACE"))
            throw new S3Error(400, "InvalidArgument", $"Unknown metadata directive: {directive}");
        if (directive == "COPY" && Uri.UnescapeDataString(copySource.Split('?', 2)[0]).TrimStart('/') == $"{call.Bucket}/{call.Key}")
            throw new S3Error(400, "InvalidRequest", "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        var copy = Put(bucket, call.Key!, content, algorithm is null ? null : Full(algorithm, content),
            directive == "COPY" ? source.Metadata : MetadataOf(call));
        var result = new XElement(Ns + "CopyObjectResult",
            new XElement(Ns + "ETag", Quote(copy.ETag)),
            new XElement(Ns + "LastModified", copy.Modified.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)));
        if (copy.Checksum is { } checksum)
        {
            result.Add(new XElement(Ns + "ChecksumType", checksum.Type));
            result.Add(new XElement(Ns + StrictS3Checksums.Element(checksum.Algorithm), checksum.Value));
        }

        var reply = Reply.Xml(200, result).Kms();
        if (bucket.Versioned) reply = reply.With("x-amz-version-id", copy.VersionId);
        return source.VersionId != "null" ? reply.With("x-amz-copy-source-version-id", source.VersionId) : reply;
    }

    private Reply DeleteObject(Call call)
    {
        var bucket = BucketOf(call.Bucket);
        var key = call.Key!;
        var versions = bucket.Keys.GetValueOrDefault(key) ?? [];
        if (call.Query.GetValueOrDefault("versionId") is { } versionId)
        {
            // Removes exactly that version, current or not, and writes no delete marker.
            versions.RemoveAll(v => v.VersionId == versionId);
            return Reply.Empty(204).With("x-amz-version-id", versionId);
        }

        if (call.Header("if-match") is { } ifMatch)
        {
            // "Conditional delete evaluations only apply to the current version of the object."
            var current = versions.LastOrDefault();
            if (current is null || current.DeleteMarker)
                throw new S3Error(404, "NoSuchKey", "The specified key does not exist.");
            CheckIfMatch(ifMatch, current.ETag);
        }

        if (!bucket.Versioned)
        {
            bucket.Keys.Remove(key);
            return Reply.Empty(204);
        }

        var marker = new Version(NewVersionId(), true, [], "", DateTime.UtcNow, null, Metadata.None);
        bucket.Keys[key] = [.. versions, marker];
        return Reply.Empty(204).With("x-amz-delete-marker", "true").With("x-amz-version-id", marker.VersionId);
    }

    private Reply ListObjectsV2(Call call)
    {
        var bucket = BucketOf(call.Bucket);
        if (call.Query.ContainsKey("delimiter"))
            throw new S3Error(501, "NotImplemented", "this test server lists without a delimiter only");
        var prefix = call.Query.GetValueOrDefault("prefix") ?? "";
        var maxKeys = int.Parse(call.Query.GetValueOrDefault("max-keys") ?? "1000", CultureInfo.InvariantCulture);
        var after = call.Query.GetValueOrDefault("continuation-token") is { } token
            ? Encoding.UTF8.GetString(Convert.FromBase64String(token))
            : call.Query.GetValueOrDefault("start-after") ?? "";
        var urlEncoded = call.Query.GetValueOrDefault("encoding-type") == "url";
        var matching = bucket.Keys
            .Where(kv => kv.Value.Count > 0 && !kv.Value[^1].DeleteMarker && kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(kv => (kv.Key, Version: kv.Value[^1]))
            .OrderBy(o => o.Key, StringComparer.Ordinal) // UTF-16 ordinal: the same as UTF-8 byte order outside surrogates
            .Where(o => string.CompareOrdinal(o.Key, after) > 0)
            .ToList();
        var page = matching.Take(maxKeys).ToList();
        var truncated = matching.Count > page.Count;
        string Encode(string s) => urlEncoded ? Uri.EscapeDataString(s) : s;
        var result = new XElement(Ns + "ListBucketResult",
            new XElement(Ns + "Name", call.Bucket),
            new XElement(Ns + "Prefix", Encode(prefix)),
            new XElement(Ns + "KeyCount", page.Count),
            new XElement(Ns + "MaxKeys", maxKeys),
            new XElement(Ns + "IsTruncated", truncated ? "true" : "false"),
            urlEncoded ? new XElement(Ns + "EncodingType", "url") : null,
            truncated ? new XElement(Ns + "NextContinuationToken", Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Key))) : null,
            page.Select(o => new XElement(Ns + "Contents",
                new XElement(Ns + "Key", Encode(o.Key)),
                new XElement(Ns + "LastModified", o.Version.Modified.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)),
                new XElement(Ns + "ETag", Quote(o.Version.ETag)),
                new XElement(Ns + "Size", o.Version.Content.Length),
                new XElement(Ns + "StorageClass", "STANDARD"))));
        return Reply.Xml(200, result);
    }

    private Reply CreateMultipartUpload(Call call)
    {
        BucketOf(call.Bucket);
        var algorithm = call.Header("x-amz-checksum-algorithm")?.ToUpperInvariant();
        var type = call.Header("x-amz-checksum-type")?.ToUpperInvariant();
        if (algorithm is not null && !StrictS3Checksums.Algorithms.Contains(algorithm))
            throw new S3Error(400, "InvalidRequest", $"Checksum algorithm {algorithm} is not supported");
        if (type is not null && algorithm is null)
            throw new S3Error(400, "InvalidRequest", "x-amz-checksum-type requires x-amz-checksum-algorithm");
        type ??= algorithm == StrictS3Checksums.Crc64Nvme ? "FULL_OBJECT" : "COMPOSITE";
        if (type == "FULL_OBJECT" && algorithm is not null && !StrictS3Checksums.SupportsFullObjectMultipart(algorithm))
            throw new S3Error(400, "InvalidRequest", $"The FULL_OBJECT checksum type cannot be used with the {algorithm} checksum algorithm.");
        if (type == "COMPOSITE" && algorithm == StrictS3Checksums.Crc64Nvme)
            throw new S3Error(400, "InvalidRequest", "The COMPOSITE checksum type cannot be used with the CRC64NVME checksum algorithm.");
        var uploadId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _uploads[uploadId] = new Upload(call.Bucket, call.Key!, algorithm, algorithm is null ? null : type, new SortedDictionary<int, Part>(), MetadataOf(call));
        var reply = Reply.Xml(200, new XElement(Ns + "InitiateMultipartUploadResult",
            new XElement(Ns + "Bucket", call.Bucket), new XElement(Ns + "Key", call.Key), new XElement(Ns + "UploadId", uploadId)));
        return algorithm is null ? reply : reply.With("x-amz-checksum-algorithm", algorithm).With("x-amz-checksum-type", type);
    }

    private readonly Dictionary<string, Upload> _uploads = new(StringComparer.Ordinal);

    private Reply UploadPartCopy(Call call, string copySource)
    {
        var upload = UploadOf(call);
        var partNumber = int.Parse(call.Query.GetValueOrDefault("partNumber") ?? "0", CultureInfo.InvariantCulture);
        if (partNumber is < 1 or > 10_000)
            throw new S3Error(400, "InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive");
        var source = CopySource(call, copySource);
        var bytes = source.Content;
        if (call.Header("x-amz-copy-source-range") is { } range)
        {
            var (first, last) = ParseRange(range);
            if (first >= bytes.Length || last >= bytes.Length)
                throw new S3Error(400, "InvalidRange", "The x-amz-copy-source-range value must be within the source object");
            bytes = bytes[(int)first..(int)(last + 1)];
        }

        bytes = Written(bytes);
        var etag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var checksum = upload.Algorithm is { } algorithm ? StrictS3Checksums.Compute(algorithm, bytes) : null;
        upload.Parts[partNumber] = new Part(bytes, etag, checksum);
        var result = new XElement(Ns + "CopyPartResult", new XElement(Ns + "ETag", Quote(etag)),
            new XElement(Ns + "LastModified", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)));
        if (checksum is not null) result.Add(new XElement(Ns + StrictS3Checksums.Element(upload.Algorithm!), checksum));
        return Reply.Xml(200, result);
    }

    private Reply CompleteMultipartUpload(Call call)
    {
        var upload = UploadOf(call);
        var listed = XDocument.Parse(Encoding.UTF8.GetString(call.Body)).Root!.Elements().Where(e => e.Name.LocalName == "Part").ToList();
        if (listed.Count == 0)
            throw new S3Error(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");
        var parts = new List<Part>();
        var previous = 0;
        foreach (var element in listed)
        {
            string? Child(string name) => element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            var number = int.Parse(Child("PartNumber")!, CultureInfo.InvariantCulture);
            if (number <= previous)
                throw new S3Error(400, "InvalidPartOrder", "The list of parts was not in ascending order. The parts list must be specified in order of the part number.");
            previous = number;
            if (!upload.Parts.TryGetValue(number, out var part) || Unquote(Child("ETag") ?? "") != part.ETag)
                throw new S3Error(400, "InvalidPart", "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.");
            if (upload.Algorithm is { } algorithm && Child(StrictS3Checksums.Element(algorithm)) is { } given && given != part.Checksum)
                throw new S3Error(400, "InvalidPart", $"The {algorithm} of part {number} does not match.");
            parts.Add(part);
        }

        for (var i = 0; i < parts.Count - 1; i++)
        {
            if (parts[i].Content.Length < MinPartSize)
                throw new S3Error(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.");
        }

        var content = parts.SelectMany(p => p.Content).ToArray();
        Checksum checksum;
        if (upload.Algorithm is not { } chosen)
        {
            checksum = Full(StrictS3Checksums.Crc64Nvme, content);
        }
        else if (upload.Type == "FULL_OBJECT")
        {
            checksum = Full(chosen, content);
            if (call.Header(StrictS3Checksums.Header(chosen)) is { } expected && expected != checksum.Value)
                throw new S3Error(400, "BadDigest", $"The {chosen} you specified did not match the calculated checksum.");
        }
        else
        {
            checksum = new Checksum(chosen, StrictS3Checksums.Composite(chosen, parts.Select(p => p.Checksum!).ToList()), "COMPOSITE");
        }

        var bucket = BucketOf(upload.Bucket);
        var version = Put(bucket, upload.Key, content, checksum, upload.Metadata);
        bucket.Keys[upload.Key][^1] = version with { ETag = $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}-{parts.Count}" };
        _uploads.Remove(call.Query["uploadId"]);
        var stored = bucket.Keys[upload.Key][^1];
        var reply = Reply.Xml(200, new XElement(Ns + "CompleteMultipartUploadResult",
            new XElement(Ns + "Location", $"http://127.0.0.1:{Port}/{upload.Bucket}/{upload.Key}"),
            new XElement(Ns + "Bucket", upload.Bucket), new XElement(Ns + "Key", upload.Key), new XElement(Ns + "ETag", Quote(stored.ETag)),
            new XElement(Ns + StrictS3Checksums.Element(checksum.Algorithm), checksum.Value),
            new XElement(Ns + "ChecksumType", checksum.Type)));
        return bucket.Versioned ? reply.With("x-amz-version-id", stored.VersionId) : reply;
    }

    private Reply AbortMultipartUpload(Call call)
    {
        UploadOf(call);
        _uploads.Remove(call.Query["uploadId"]);
        return Reply.Empty(204);
    }

    private Upload UploadOf(Call call) =>
        _uploads.TryGetValue(call.Query["uploadId"], out var upload) && upload.Bucket == call.Bucket && upload.Key == call.Key
            ? upload
            : throw new S3Error(404, "NoSuchUpload", "The specified upload does not exist.");

    /// <summary>The version a copy reads: "/bucket/key" or "bucket/key", URL-encoded, with an optional "?versionId=".</summary>
    private Version CopySource(Call call, string copySource)
    {
        var (path, versionId) = copySource.Split('?', 2) is [var p, var q] && q.StartsWith("versionId=", StringComparison.Ordinal)
            ? (p, Uri.UnescapeDataString(q["versionId=".Length..]))
            : (copySource, null);
        var decoded = Uri.UnescapeDataString(path).TrimStart('/');
        var slash = decoded.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0) throw new S3Error(400, "InvalidArgument", "Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
        var source = Resolve(BucketOf(decoded[..slash]), decoded[(slash + 1)..], versionId);
        CheckIfMatch(call.Header("x-amz-copy-source-if-match"), source.ETag);
        return source;
    }

    private byte[] Written(byte[] content)
    {
        if (!CorruptCopies || content.Length == 0) return content;
        var corrupted = content.ToArray();
        corrupted[corrupted.Length / 2] ^= 0x01;
        return corrupted;
    }

    private Bucket BucketOf(string name) =>
        _buckets.TryGetValue(name, out var bucket) ? bucket : throw new S3Error(404, "NoSuchBucket", "The specified bucket does not exist");

    private static Version Resolve(Bucket bucket, string key, string? versionId)
    {
        var versions = bucket.Keys.GetValueOrDefault(key) ?? [];
        if (versionId is not null)
        {
            var named = versions.FirstOrDefault(v => v.VersionId == versionId);
            if (named is null) throw new S3Error(404, "NoSuchVersion", "The specified version does not exist.");
            if (named.DeleteMarker) throw new S3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
            return named;
        }

        var current = versions.LastOrDefault();
        return current is null || current.DeleteMarker ? throw new S3Error(404, "NoSuchKey", "The specified key does not exist.") : current;
    }

    /// <summary>A new version: under SSE-KMS its ETag is no MD5 of the content, so it is random here.</summary>
    private static Version Put(Bucket bucket, string key, byte[] content, Checksum? checksum, Metadata metadata)
    {
        var version = new Version(bucket.Versioned ? NewVersionId() : "null", false, content,
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), DateTime.UtcNow, checksum, metadata);
        if (bucket.Versioned && bucket.Keys.TryGetValue(key, out var versions)) versions.Add(version);
        else bucket.Keys[key] = [version];
        return version;
    }

    private static void CheckIfMatch(string? ifMatch, string etag)
    {
        if (ifMatch is null || ifMatch == "*") return;
        if (Unquote(ifMatch) != etag)
            throw new S3Error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
    }

    private static (long First, long Last) ParseRange(string range)
    {
        var spec = range.StartsWith("bytes=", StringComparison.Ordinal) ? range["bytes=".Length..].Split('-') : [];
        if (spec.Length != 2 || !long.TryParse(spec[0], CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(spec[1], CultureInfo.InvariantCulture, out var last) || last < first)
            throw new S3Error(501, "NotImplemented", $"this test server takes ranges as bytes=first-last only, not '{range}'");
        return (first, last);
    }

    private static Checksum Full(string algorithm, byte[] content) => new(algorithm, StrictS3Checksums.Compute(algorithm, content), "FULL_OBJECT");

    private static string NewVersionId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '.').Replace('/', '_');

    private static string Quote(string etag) => $"\"{etag}\"";

    private static string Unquote(string etag) => etag.Trim().Trim('"');

    private static S3Error NotImplemented(Call call) =>
        new(501, "NotImplemented", $"this test server does not model {call.Method} with query '{string.Join('&', call.Query.Keys)}'");

    private static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    private sealed record Bucket(bool Versioned)
    {
        public Dictionary<string, List<Version>> Keys { get; } = new(StringComparer.Ordinal);
    }

    private sealed record Version(string VersionId, bool DeleteMarker, byte[] Content, string ETag, DateTime Modified, Checksum? Checksum,
        Metadata Metadata);

    /// <summary>An object's metadata as a request sends it (and GET and HEAD return it): the user-controlled system headers
    /// and the x-amz-meta-* ones, names lower-case.</summary>
    private sealed record Metadata(IReadOnlyList<KeyValuePair<string, string>> Headers)
    {
        public static Metadata None { get; } = new([new("content-type", DefaultContentType)]);
    }

    /// <summary>The Content-Type S3 gives an object whose request named none.</summary>
    private const string DefaultContentType = "binary/octet-stream";

    /// <summary>The system metadata a request may set and S3 keeps (S3 User Guide, "Working with object metadata").</summary>
    private static readonly string[] UserControlledHeaders = ["content-type", "content-encoding", "content-disposition", "content-language", "cache-control"];

    /// <summary>"Within the PUT request header, the user-defined metadata is limited to 2 KB in size."</summary>
    private const int UserMetadataLimit = 2048;

    private static Metadata MetadataOf(Call call)
    {
        var kept = new List<KeyValuePair<string, string>>
        {
            new("content-type", call.Header("content-type") ?? DefaultContentType),
        };
        kept.AddRange(UserControlledHeaders.Skip(1).Where(h => call.Header(h) is not null).Select(h => new KeyValuePair<string, string>(h, call.Header(h)!)));
        var user = call.Headers.Where(h => h.Key.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase))
            .Select(h => new KeyValuePair<string, string>(h.Key.ToLowerInvariant(), h.Value)).OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
        var size = user.Sum(h => Encoding.UTF8.GetByteCount(h.Key["x-amz-meta-".Length..]) + Encoding.UTF8.GetByteCount(h.Value));
        if (size > UserMetadataLimit)
            throw new S3Error(400, "MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size.");
        return new Metadata([.. kept, .. user]);
    }

    private sealed record Checksum(string Algorithm, string Value, string Type);

    private sealed record Upload(string Bucket, string Key, string? Algorithm, string? Type, SortedDictionary<int, Part> Parts, Metadata Metadata);

    private sealed record Part(byte[] Content, string ETag, string? Checksum);

    private sealed class S3Error(int status, string code, string message) : Exception(message)
    {
        public int Status { get; } = status;

        public string Code { get; } = code;
    }

    /// <summary>A request, its path-style bucket and key decoded from the raw URL.</summary>
    private sealed class Call
    {
        private readonly HttpExchange _request;

        public Call(HttpExchange request)
        {
            _request = request;
            Body = request.Body;
            Method = request.Method;
            var raw = request.RawTarget;
            var (path, query) = raw.Split('?', 2) is [var p, var q] ? (p, q) : (raw, "");
            var segments = path.TrimStart('/').Split('/', 2);
            Bucket = Uri.UnescapeDataString(segments[0]);
            Key = segments.Length > 1 && segments[1].Length > 0 ? Uri.UnescapeDataString(segments[1]) : null;
            Query = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(kv => Uri.UnescapeDataString(kv[0]), kv => kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "", StringComparer.Ordinal);
        }

        public string Method { get; }

        public string Bucket { get; }

        public string? Key { get; }

        public Dictionary<string, string> Query { get; }

        public byte[] Body { get; }

        public string? Header(string name) => _request.Header(name);

        public IReadOnlyDictionary<string, string> Headers => _request.Headers;
    }

    private sealed record Reply(int Status, byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers, long? HeadLength = null)
    {
        public static Reply Empty(int status) => new(status, [], []);

        public static Reply Xml(int status, XElement root) =>
            new(status, Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + root.ToString(SaveOptions.DisableFormatting)),
                [new("Content-Type", "application/xml")]);

        public static Reply Error(int status, string code, string message) =>
            Xml(status, new XElement("Error", new XElement("Code", code), new XElement("Message", message)));

        public Reply With(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

        public Reply WithMetadata(Metadata metadata) => this with { Headers = [.. Headers, .. metadata.Headers] };

        /// <summary>The headers S3 sends for an object encrypted with SSE-KMS.</summary>
        public Reply Kms() => With("x-amz-server-side-encryption", "aws:kms").With("x-amz-server-side-encryption-aws-kms-key-id", KmsKeyArn);
    }
}
