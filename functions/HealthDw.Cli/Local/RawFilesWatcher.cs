namespace HealthDw.Cli.Local;

/// <summary>
/// Finds files in the local bucket's <c>raw_files/</c> that are ready to ingest: new or changed, and
/// complete, meaning their size and modification time have not moved for <see cref="Settle"/>
/// (a copy still being written keeps changing). Each version is handed out once.
/// </summary>
public sealed class RawFilesWatcher(string rawFolder, TimeSpan settle)
{
    private readonly Dictionary<string, (long Size, DateTime Modified, DateTime StableSince, bool Done)> _seen = new(StringComparer.Ordinal);

    public TimeSpan Settle => settle;

    /// <summary>One look at the folder: the files (names relative to raw_files/) that became ready since the last look.</summary>
    public IReadOnlyList<string> Poll(DateTime now)
    {
        var ready = new List<string>();
        if (!Directory.Exists(rawFolder)) return ready;
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(rawFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(rawFolder, path).Replace(Path.DirectorySeparatorChar, '/');
            if (name.Contains(".tmp-", StringComparison.Ordinal)) continue; // the store's own atomic-put temp files
            present.Add(name);
            var info = new FileInfo(path);
            if (!info.Exists) continue;
            if (!_seen.TryGetValue(name, out var state) || state.Size != info.Length || state.Modified != info.LastWriteTimeUtc)
            {
                _seen[name] = (info.Length, info.LastWriteTimeUtc, now, false);
                continue;
            }

            if (state.Done || now - state.StableSince < settle) continue;
            _seen[name] = state with { Done = true };
            ready.Add(name);
        }

        foreach (var gone in _seen.Keys.Where(k => !present.Contains(k)).ToList()) _seen.Remove(gone);
        return ready;
    }
}
