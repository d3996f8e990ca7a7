using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using HealthDw.Core.Ports;

namespace HealthDw.Storage.S3;

/// <summary>
/// The metadata a move's copy is given, so that the copy keeps the identity the ledger knows the content by
/// (<see cref="ObjectRef.OriginVersion"/>): a copy in S3 is a new version with a VersionId (and under SSE-KMS an ETag) of
/// its own, so the source's token is written into the copy's user metadata, <c>x-amz-meta-healthdw-origin-version</c>, and
/// every later copy keeps it.
/// <para>What S3 does with metadata on a copy, and so what this restates: CopyObject copies the source's user metadata
/// and its user-controlled system metadata by default (<c>x-amz-metadata-directive: COPY</c>; S3 User Guide, "Copying,
/// moving, and renaming objects"); with <c>REPLACE</c> the copy gets only what the request names, so every header to keep is
/// restated: Content-Type, Content-Encoding, Content-Disposition, Content-Language, Cache-Control and each x-amz-meta-*
/// (S3 API Reference, "CopyObject"). A multipart copy (over 5 GB: UploadPartCopy) copies bytes only; its metadata is what
/// CreateMultipartUpload names (S3 User Guide, "Copying an object using multipart upload"), so that is restated too. User
/// metadata is at most 2 KB, "the sum of the number of bytes in the UTF-8 encoding of each key and value" (S3 User Guide,
/// "Working with object metadata"); counted here with the x-amz-meta- prefix, to stay under the limit however S3 counts.
/// Where the origin would not fit beside a vendor's own metadata, the copy keeps the source's metadata as it is, without
/// an origin: such a file, copied back into raw_files/, is new to the ledger (and <c>replay --aws</c> refuses it).</para>
/// </summary>
internal sealed class S3CopyMetadata
{
    /// <summary>The user-metadata name (without the x-amz-meta- prefix S3 adds on the wire).</summary>
    public const string OriginName = "healthdw-origin-version";

    private const string Prefix = "x-amz-meta-";
    private const int UserMetadataLimit = 2048;

    private readonly GetObjectMetadataResponse _head;
    private readonly List<KeyValuePair<string, string>> _user;

    private S3CopyMetadata(GetObjectMetadataResponse head, List<KeyValuePair<string, string>> user, string? addedOrigin)
    {
        _head = head;
        _user = user;
        AddedOrigin = addedOrigin;
    }

    /// <summary>The origin this copy records where the source had none; null when the source carries one (COPY keeps it)
    /// or when it does not fit.</summary>
    public string? AddedOrigin { get; }

    /// <summary>The token recorded on an object (the source of a move, or what a HEAD found).</summary>
    public static string? OriginOf(MetadataCollection metadata) =>
        metadata.Keys.Contains(Prefix + OriginName) && metadata[Prefix + OriginName] is { Length: > 0 } origin ? origin : null;

    /// <summary>What the copy of <paramref name="source"/> (as HEAD found it) is given.</summary>
    public static S3CopyMetadata For(GetObjectMetadataResponse head, ObjectRef source)
    {
        var user = head.Metadata.Keys.Select(k => new KeyValuePair<string, string>(k, head.Metadata[k])).ToList();
        if (OriginOf(head.Metadata) is not null) return new S3CopyMetadata(head, user, null);
        var withOrigin = new List<KeyValuePair<string, string>>(user) { new(Prefix + OriginName, source.StoredToken) };
        return SizeOf(withOrigin) <= UserMetadataLimit
            ? new S3CopyMetadata(head, withOrigin, source.StoredToken)
            : new S3CopyMetadata(head, user, null);
    }

    /// <summary>A single CopyObject: the default directive (COPY) where nothing is added, else REPLACE with all restated.</summary>
    public void ApplyTo(CopyObjectRequest request)
    {
        if (AddedOrigin is null) return;
        request.MetadataDirective = S3MetadataDirective.REPLACE;
        request.ContentType = _head.Headers.ContentType;
        Restate(request.Headers, request.Metadata);
    }

    /// <summary>A multipart copy: its upload names all of it, since UploadPartCopy copies none.</summary>
    public void ApplyTo(InitiateMultipartUploadRequest request)
    {
        request.ContentType = _head.Headers.ContentType;
        Restate(request.Headers, request.Metadata);
    }

    private void Restate(HeadersCollection headers, MetadataCollection metadata)
    {
        headers.ContentEncoding = _head.Headers.ContentEncoding;
        headers.ContentDisposition = _head.Headers.ContentDisposition;
        headers.CacheControl = _head.Headers.CacheControl;
        if (_head.Headers["Content-Language"] is { Length: > 0 } language) headers["Content-Language"] = language;
        foreach (var (name, value) in _user) metadata[name] = value;
    }

    private static int SizeOf(IEnumerable<KeyValuePair<string, string>> user) =>
        user.Sum(p => Encoding.UTF8.GetByteCount(p.Key.StartsWith(Prefix, StringComparison.Ordinal) ? p.Key : Prefix + p.Key)
            + Encoding.UTF8.GetByteCount(p.Value));
}
