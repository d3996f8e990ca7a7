using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using HealthDw.Core.Ports;

namespace HealthDw.Storage;

/// <summary>
/// The local bucket: a folder whose relative paths are the object keys. A key that would leave
/// the folder (.., absolute paths, backslashes) is refused. The ETag is the MD5 of the content,
/// as S3 gives for single-part uploads, so a changed file is a new version, and the ETag is the version token: a
/// read or move of a version checks that the key still holds content with that ETag (hashed from the very handle that
/// is read, so a file replaced meanwhile is caught), else <see cref="ObjectVersionGoneException"/>. A folder keeps one
/// version per key, so an overwritten version is gone for good, as in an unversioned bucket. Moving and deleting a
/// version check it, then rename or delete the file: a write into that instant is not caught (a local bucket only).
/// <para>A moved file keeps its identity here with no metadata (<see cref="ObjectRef.OriginVersion"/> stays null): the
/// ETag, the content's hash, is the version token, and a move or a copy keeps the bytes, so a file replayed from
/// processed/ is the version the ledger loaded. S3 needs the origin recorded because its copies get new version ids.</para>
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
        try
        {
            return Task.FromResult(info.Exists ? ToRef(key, info, ct) : null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<ObjectRef?>(null); // archived by another execution between the look and the hash: gone, as S3's HEAD would say
        }
    }

    public async Task<byte[]> ReadPrefixAsync(ObjectRef version, int length, CancellationToken ct)
    {
        await using var file = OpenVersion(version, ct);
        var buffer = new byte[(int)Math.Min(length, file.Length)];
        await file.ReadExactlyAsync(buffer, ct);
        return buffer;
    }

    public Task<Stream> OpenReadAsync(ObjectRef version, CancellationToken ct) => Task.FromResult<Stream>(OpenVersion(version, ct));

    /// <summary>The file behind a version, open at its start, once its content is known to be that version's.</summary>
    private FileStream OpenVersion(ObjectRef version, CancellationToken ct)
    {
        var path = PathOf(version.Key);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Checked by opening, not by File.Exists first: another execution may archive the file between a check and the open.
            throw new ObjectVersionGoneException(version, "the key holds nothing");
        }

        try
        {
            // Hashed from this handle: a rename over the path (how PutAsync writes) leaves this handle on the old content.
            var etag = ETagOf(file, ct);
            if (!string.Equals(etag, version.ETag, StringComparison.Ordinal))
                throw new ObjectVersionGoneException(version, $"the key holds other content now, ETag {etag}");
            file.Position = 0;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public Task PutAsync(string key, Stream content, CancellationToken ct) => PutVersionAsync(key, content, ct);

    /// <summary>Writes the object and returns the version written, as S3's PutObject answers with its ETag: a caller that
    /// then starts an execution names this version, even if another process has moved or replaced the key meanwhile.</summary>
    public async Task<ObjectRef> PutVersionAsync(string key, Stream content, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        long length;
        string etag;
        await using (var file = File.Create(temp))
        {
            await content.CopyToAsync(file, ct);
            length = file.Length;
            file.Position = 0;
            etag = Convert.ToHexStringLower(await MD5.HashDataAsync(file, ct));
        }

        File.Move(temp, path, overwrite: true); // appears whole, like an S3 PUT
        return new ObjectRef(Bucket, key, length, etag, null);
    }

    public Task MoveAsync(ObjectRef version, string toKey, CancellationToken ct)
    {
        var from = PathOf(version.Key);
        var to = PathOf(toKey);
        if (string.Equals(from, to, StringComparison.Ordinal))
            throw new ArgumentException($"cannot move '{version.Key}' onto itself", nameof(toKey));
        using (OpenVersion(version, ct))
        {
        }

        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        try
        {
            File.Move(from, to, overwrite: false); // a rename on one file system: atomic, nothing to verify
        }
        catch (FileNotFoundException)
        {
            // Another execution's move of the same file won between the look above and this rename.
            throw new ObjectVersionGoneException(version, "the key holds nothing");
        }

        _etags.TryRemove(from, out _);
        return Task.CompletedTask;
    }

    public Task DeleteVersionAsync(ObjectRef version, CancellationToken ct)
    {
        try
        {
            using (OpenVersion(version, ct))
            {
            }
        }
        catch (ObjectVersionGoneException)
        {
            return Task.CompletedTask; // gone already; newer content under the key is not this version's to remove
        }

        return DeleteAsync(version.Key, ct);
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
            ObjectRef found;
            try
            {
                found = ToRef(key, new FileInfo(path), ct);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                continue; // moved away after the listing saw it: S3's listing would not show it either
            }

            yield return found;
            await Task.Yield();
        }
    }

    private ObjectRef ToRef(string key, FileInfo info, CancellationToken ct)
    {
        if (!Cached(info.FullName, info.Length, info.LastWriteTimeUtc, out var etag))
        {
            ct.ThrowIfCancellationRequested();
            using var file = File.OpenRead(info.FullName);
            etag = Hash(info.FullName, file, info.Length, info.LastWriteTimeUtc);
        }

        return new ObjectRef(Bucket, key, info.Length, etag, null);
    }

    /// <summary>The MD5 of an open file's content, from the cache when its size and time are unchanged.</summary>
    private string ETagOf(FileStream file, CancellationToken ct)
    {
        var length = file.Length;
        var modified = File.GetLastWriteTimeUtc(file.SafeFileHandle);
        if (Cached(file.Name, length, modified, out var etag)) return etag;
        ct.ThrowIfCancellationRequested();
        return Hash(file.Name, file, length, modified);
    }

    private bool Cached(string path, long length, DateTime modified, out string etag)
    {
        etag = _etags.TryGetValue(path, out var c) && c.Size == length && c.Modified == modified ? c.ETag : "";
        return etag.Length > 0;
    }

    private string Hash(string path, Stream content, long length, DateTime modified)
    {
        var etag = Convert.ToHexStringLower(MD5.HashData(content));
        _etags[path] = (length, modified, etag);
        return etag;
    }
}
