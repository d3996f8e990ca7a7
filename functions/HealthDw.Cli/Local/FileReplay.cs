using HealthDw.Cli.Commands;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;

namespace HealthDw.Cli.Local;

/// <summary>
/// Puts an archived file back into <c>raw_files/</c> under its own name, so that ingest-file runs on it again exactly as
/// for a drop: the move is the object store's (a rename locally; on S3 a verified copy, then the delete of that version).
/// <para>A refused file's report does not stay beside a file that is no longer there, nor is it overwritten by the next
/// refusal: it moves to <c>&lt;its folder&gt;/replayed/&lt;time&gt;/&lt;name&gt;.error.json</c>, unchanged. The refusal stays
/// in <c>audit.file_rejections</c> too. A replay refused again gets a fresh report beside the file.</para>
/// <para>Exactly once still holds through the ledger: the replayed file is the same version (locally the same bytes give
/// the same ETag), so a loaded one is <c>already loaded</c>. A refused version is not in the ledger, and its refusal on
/// record ends an execution only where the version has gone from <c>raw_files/</c> (ArchivedVersion): a replay puts it
/// there, so after a fix it loads.</para>
/// </summary>
public sealed class FileReplay(IObjectStore store, IClock clock)
{
    public const string ReportHistory = "replayed";

    /// <param name="Version">The version now in raw_files/: the archived one's bytes and ETag under the raw key (a folder bucket
    /// keeps no version ids).</param>
    /// <param name="ReportKeptAt">Where the refused file's report went, if it had one.</param>
    public sealed record Returned(ObjectRef Version, string? ReportKeptAt);

    /// <summary>The key the file goes back to: <c>raw_files/&lt;name&gt;</c>, the name the route reads.</summary>
    public static string RawKeyOf(string archivedKey) => BucketLayout.RawKey(BucketLayout.FileNameOf(archivedKey));

    /// <summary>A usage error when raw_files/ already holds a file of that name: it waits for (or is in) its own execution,
    /// and a replay must not overwrite it.</summary>
    public async Task EnsureFreeAsync(string archivedKey, CancellationToken ct)
    {
        var raw = RawKeyOf(archivedKey);
        if (await store.HeadAsync(raw, ct) is not null)
            throw new UsageException($"{raw} holds a file already (waiting for its own ingest-file execution): replay of {archivedKey} would overwrite it");
    }

    public async Task<Returned> PutBackAsync(string archivedKey, CancellationToken ct)
    {
        await EnsureFreeAsync(archivedKey, ct);
        var version = await store.HeadAsync(archivedKey, ct)
            ?? throw new UsageException($"{archivedKey} is no longer there (another replay took it?)");
        var raw = RawKeyOf(archivedKey);
        await store.MoveAsync(version, raw, ct);
        string? kept = null;
        if (await store.HeadAsync(BucketLayout.ReportKey(archivedKey), ct) is { } report)
        {
            var slash = archivedKey.LastIndexOf('/');
            kept = $"{archivedKey[..slash]}/{ReportHistory}/{clock.Now.UtcDateTime:yyyyMMddTHHmmssfffZ}/{BucketLayout.ReportKey(archivedKey[(slash + 1)..])}";
            await store.MoveAsync(report, kept, ct);
        }

        return new Returned(version with { Key = raw }, kept);
    }
}
