namespace HealthDw.Cloud.Tests.Storage;

/// <summary>
/// Four fixes to s3rver 3.7.1 (pinned in tests/package.json), applied to tests/node_modules before
/// it starts; idempotent, and atomic per file (written aside, then renamed) since other test runs
/// may patch the same copy at the same time:
/// 1. CopyObject decodes x-amz-copy-source with decodeURI, which leaves "%2F" encoded, so a key
///    with '/' is looked up in a bucket named after the whole path: decodeURIComponent instead.
/// 2. UploadPartCopy (a PUT with uploadId and x-amz-copy-source) answers NotImplemented: it is added,
///    copying the x-amz-copy-source-range of the source into the part, so the multipart move path
///    runs against a real server.
/// 3. ListObjects gives keys in the order it walks its folders, so "a/b.csv" comes before "a.csv"
///    (a folder "a" sorts before a file "a.csv._S3rver_object"): it sorts them by their UTF-8 bytes,
///    as S3 lists, before it pages.
/// 4. A ranged GET of an empty object answers 206 with Content-Length 1 and no body (the client
///    fails on the short body): it answers 416 InvalidRange, as S3 does.
/// </summary>
public static class S3rverPatch
{
    public const string Version = "3.7.1";

    private const string Marker = "healthdw test patch";

    private const string CopySourceBefore = "decodeURI(ctx.headers['x-amz-copy-source'])";
    private const string CopySourceAfter = "decodeURIComponent(ctx.headers['x-amz-copy-source'])";

    private const string RouteBefore = """
                if ('x-amz-copy-source' in ctx.headers) {
                  throw new S3Error(
                    'NotImplemented',
                    'A header you provided implies functionality that is not implemented',
                  );
                }
                return objectCtrl.uploadPart(ctx);
        """;

    private const string RouteAfter = $$"""
                if ('x-amz-copy-source' in ctx.headers) {
                  return objectCtrl.uploadPartCopy(ctx); // {{Marker}}: UploadPartCopy
                }
                return objectCtrl.uploadPart(ctx);
        """;

    private const string UploadPartCopy = $$"""

        // {{Marker}}: UploadPartCopy, a range of an existing object as one part of a multipart upload.
        exports.uploadPartCopy = async function uploadPartCopy(ctx) {
          let copySource = decodeURIComponent(ctx.headers['x-amz-copy-source']);
          copySource = copySource.startsWith('/') ? copySource.slice(1) : copySource;
          const [srcBucket, ...srcKeyParts] = copySource.split('/');
          const srcKey = srcKeyParts.join('/');
          const options = {};
          const range = ctx.headers['x-amz-copy-source-range'];
          if (range) {
            const [start, end] = range.replace('bytes=', '').split('-');
            options.start = Number(start);
            options.end = Number(end);
          }
          const object = await ctx.store.getObject(srcBucket, srcKey, options);
          if (!object || !object.content) {
            throw new S3Error('NoSuchKey', 'The specified key does not exist.', { Key: srcKey });
          }
          const { md5 } = await ctx.store.putPart(
            ctx.params.bucket,
            ctx.query.uploadId,
            ctx.query.partNumber,
            object.content,
          );
          ctx.body = {
            CopyPartResult: { LastModified: new Date().toISOString(), ETag: JSON.stringify(md5) },
          };
        };

        """;

    private const string ListLoopBefore = "    for (const keyPath of it) {";

    private const string ListLoopAfter = $$"""
            // {{Marker}}: keys in S3's order (UTF-8 bytes), not the order of the folder walk.
            const keyOfPath = p => FilesystemStore.decodeKeyPath(p.slice(bucketPath.length + 1, -objectSuffix.length));
            const inKeyOrder = [...it]
              .filter(p => p.endsWith(objectSuffix))
              .sort((a, b) => Buffer.compare(Buffer.from(keyOfPath(a)), Buffer.from(keyOfPath(b))));
            for (const keyPath of inKeyOrder) {
        """;

    private const string EmptyRangeBefore = "      if (range.start < 0 || Math.min(range.end, lastByte) < range.start) {";

    private const string EmptyRangeAfter = $$"""
              // {{Marker}}: no range of an empty object is satisfiable.
              const emptyAndRanged = Number(metadata['content-length']) === 0 && options && options.start !== undefined;
              if (range.start < 0 || Math.min(range.end, lastByte) < range.start || emptyAndRanged) {
        """;

    public static void Apply(string s3rverFolder)
    {
        var package = File.ReadAllText(Path.Combine(s3rverFolder, "package.json"));
        if (!package.Contains($"\"version\": \"{Version}\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"tests/node_modules/s3rver is not version {Version}, which this patch is written for: run ./test.sh (npm ci)");

        var objectJs = Path.Combine(s3rverFolder, "lib", "controllers", "object.js");
        Rewrite(objectJs, text =>
        {
            text = text.Replace(CopySourceBefore, CopySourceAfter, StringComparison.Ordinal);
            return text.Contains($"{Marker}: UploadPartCopy", StringComparison.Ordinal) ? text : text + UploadPartCopy;
        });
        Rewrite(Path.Combine(s3rverFolder, "lib", "routes.js"), text =>
            text.Contains(Marker, StringComparison.Ordinal) ? text : Replace(text, RouteBefore, RouteAfter, "routes.js"));
        Rewrite(Path.Combine(s3rverFolder, "lib", "stores", "filesystem.js"), text =>
            text.Contains(Marker, StringComparison.Ordinal)
                ? text
                : Replace(Replace(text, ListLoopBefore, ListLoopAfter, "stores/filesystem.js"), EmptyRangeBefore, EmptyRangeAfter, "stores/filesystem.js"));
    }

    private static string Replace(string text, string before, string after, string file)
    {
        var normalized = before.ReplaceLineEndings("\n");
        if (!text.Contains(normalized, StringComparison.Ordinal))
            throw new InvalidOperationException($"s3rver's {file} does not hold the code this patch replaces: is it really {Version}?");
        return text.Replace(normalized, after.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private static void Rewrite(string path, Func<string, string> patch)
    {
        var text = File.ReadAllText(path);
        var patched = patch(text);
        if (patched == text) return;
        var aside = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(aside, patched);
        File.Move(aside, path, overwrite: true);
    }
}
