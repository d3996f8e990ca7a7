using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;

namespace HealthDw.Core.Lineage;

/// <summary>
/// Where a loaded file version is now. Archive File moves it from <c>raw_files/</c> to <c>processed/&lt;drop&gt;/&lt;name&gt;</c>,
/// or, when a different version already sits there, to <c>processed/&lt;drop&gt;/&lt;token&gt;/&lt;name&gt;</c> (the token's first 12
/// letters and digits); a replay or a refusal can put it in <c>error_files/</c> the same way, and a file not archived yet is
/// still under its own key. The place whose object has the version's ETag (or VersionId) wins; else the first that exists.
/// </summary>
public sealed class ArchivedFileFinder(IObjectStore store)
{
    public async Task<string?> FindAsync(string key, string? dropId, string? versionToken, CancellationToken ct)
    {
        string? first = null;
        foreach (var place in Places(key, dropId, versionToken))
        {
            if (await store.HeadAsync(place, ct) is not { } there) continue;
            if (versionToken is not null && (there.ETag == versionToken || there.VersionToken == versionToken)) return place;
            first ??= place;
        }

        return first;
    }

    /// <summary>The keys <see cref="BucketLayout"/> gives the file in processed/ and then error_files/ (and beside an earlier
    /// version there), and its own key after the processed ones.</summary>
    private static IEnumerable<string> Places(string key, string? dropId, string? versionToken)
    {
        var name = BucketLayout.FileNameOf(key);
        var besideEarlier = versionToken is not null && versionToken.Any(char.IsLetterOrDigit);
        foreach (var archived in new[] { BucketLayout.ProcessedKey(dropId, name), BucketLayout.ErrorKey(dropId, name) })
        {
            yield return archived;
            if (besideEarlier) yield return BucketLayout.KeyBesideEarlierVersion(archived, versionToken!);
            if (archived.StartsWith(BucketLayout.Processed, StringComparison.Ordinal)) yield return key;
        }
    }
}
