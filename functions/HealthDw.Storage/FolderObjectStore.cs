using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using HealthDw.Core.Ports;

namespace HealthDw.Storage;

/// <summary>
/// The local bucket: a folder whose relative paths are the object keys. A key that would leave
/// the folder (.., absolute paths, backslashes) is refused. The ETag is the MD5 of the content,
/// as S3 gives for single-part uploads, so a changed file is a new version.
/// </summary>
public sealed class FolderObjectStore : IObjectStore
{
    private readonly string _root;
    private readonly ConcurrentDictionary<string, (long Size, DateTime Modified, string ETag)> _etags = new();

    public FolderObjectStore(string root, string bucket = "local")
    {
        _root = Path.GetFullPath(root);
        Bucket = bucket;
        Directory.CreateDirectory(_root);
    }

    public string Bucket { get; }

    public string Root => _root;

    /// <summary>The file behind a key, after checking that the key stays inside the root.</summary>
    public string PathOf(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Contains('\\') || key.Contains('\0') || key.StartsWith('/')
            || key.Split('/').Any(s => s is "" or "." or ".."))
            throw new ArgumentException($"object key '{key}' is not a plain relative path inside the bucket", nameof(key));
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"object key '{key}' escapes the bucket", nameof(key));
        return path;
    }

    public Task<ObjectRef?> HeadAsync(string key, CancellationToken ct)
    {
        var info = new FileInfo(PathOf(key));
        return Task.FromResult(info.Exists ? ToRef(key, info, ct) : null);
    }

    public async Task<byte[]> ReadPrefixAsync(string key, int length, CancellationToken ct)
    {
        await using var file = OpenExisting(key);
        var buffer = new byte[(int)Math.Min(length, file.Length)];
        await file.ReadExactlyAsync(buffer, ct);
        return buffer;
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct) => Task.FromResult<Stream>(OpenExisting(key));

    /// <summary>A missing object is a <see cref="FileNotFoundException"/>, whether or not its folder exists (as with S3).</summary>
    private FileStream OpenExisting(string key)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) throw new FileNotFoundException($"no object {key} in the bucket", key);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }

    public async Task PutAsync(string key, Stream content, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        await using (var file = File.Create(temp))
        {
            await content.CopyToAsync(file, ct);
        }

        File.Move(temp, path, overwrite: true); // appears whole, like an S3 PUT
    }

    public Task MoveAsync(string fromKey, string toKey, CancellationToken ct)
    {
        var from = PathOf(fromKey);
        var to = PathOf(toKey);
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Move(from, to, overwrite: false); // a rename on one file system: atomic, nothing to verify
        _etags.TryRemove(from, out _);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        if (File.Exists(path)) File.Delete(path); // deleting a missing object is no error, as with S3
        _etags.TryRemove(path, out _);
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string key, CancellationToken ct) => Task.FromResult(File.Exists(PathOf(key)));

    public async IAsyncEnumerable<ObjectRef> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var folder = prefix.Length == 0 ? _root : PathOf(prefix.TrimEnd('/'));
        if (!Directory.Exists(folder)) yield break;
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var key = Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');
            yield return ToRef(key, new FileInfo(path), ct);
            await Task.Yield();
        }
    }

    private ObjectRef ToRef(string key, FileInfo info, CancellationToken ct)
    {
        var cached = _etags.TryGetValue(info.FullName, out var c) && c.Size == info.Length && c.Modified == info.LastWriteTimeUtc
            ? c.ETag
            : null;
        if (cached is null)
        {
            ct.ThrowIfCancellationRequested();
            using var file = File.OpenRead(info.FullName);
            cached = Convert.ToHexStringLower(MD5.HashData(file));
            _etags[info.FullName] = (info.Length, info.LastWriteTimeUtc, cached);
        }

        return new ObjectRef(Bucket, key, info.Length, cached, null);
    }
}
