using HealthDw.Cli.Commands;
using HealthDw.Cli.Local;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;
using Spectre.Console;

namespace HealthDw.Cli.Aws;

/// <summary>
/// <c>healthdw replay --aws FILE | DROP</c>: puts archived files of a deployed stage back into <c>raw_files/</c> of its drop
/// bucket, so that each takes the event path a vendor's upload takes (S3 "Object Created" -> EventBridge -> one ingest-file
/// execution). The CLI runs no workflow here: it copies, says what it copied and how to follow it.
/// <para>Exactly once across the copy: the bucket is versioned, a copy is a new version with a version id of its own (S3 API
/// Reference, "CopyObject"), and the ledger keys on bucket + key + version token. So the S3 adapter's moves record the
/// token the content was first seen under in the copy's user metadata (<c>x-amz-meta-healthdw-origin-version</c>; Archive
/// File's move raw_files/ -> processed/ or error_files/ writes it, and this copy back keeps it), and Route File keys the
/// file on that origin (<see cref="ObjectRef.OriginVersion"/>). A loaded file's copy ends <c>already_loaded</c> and loads
/// nothing; a refused file's copy is a version the ledger does not hold, so once the configuration accepts it, it loads once.
/// A file in <c>processed/</c> that carries no origin (archived before Archive File recorded one, or whose own metadata
/// left no room under S3's 2 KB) would be new to the ledger and load twice: it is refused, and a drop leaves it where it is.</para>
/// <para>The move is the adapter's (<see cref="FileReplay"/>, as locally): a copy verified by size and full-object checksum
/// (never the ETag, which differs for a copy under SSE-KMS), then the delete of the archived version; the refusal report goes
/// to the same <c>replayed/&lt;time&gt;/</c> place as locally.</para>
/// </summary>
public sealed class AwsReplay(IObjectStore store, IClock clock, IAnsiConsole console)
{
    /// <summary>Where to follow the executions: the stack's <c>IngestFileConsoleUrl</c> output when known.</summary>
    public sealed record Hints(string Stage, string? IngestFileConsoleUrl);

    public async Task<int> RunAsync(string target, Hints hints, CancellationToken ct)
    {
        var (dropId, keys) = await new ArchivedFiles(store).SelectAsync(target, ct);
        var identities = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in keys) identities[key] = (await store.HeadAsync(key, ct))?.OriginVersion;
        var withoutOrigin = keys.Where(k => k.StartsWith(BucketLayout.Processed, StringComparison.Ordinal) && identities[k] is null).ToList();
        var chosen = keys.Except(withoutOrigin).OrderBy(k => k.StartsWith(BucketLayout.Processed, StringComparison.Ordinal))
            .ThenBy(k => k, StringComparer.Ordinal).ToList();
        if (dropId is null && withoutOrigin.Count == 1)
            throw new UsageException($"{withoutOrigin[0]} was loaded already and carries no recorded origin (archived before replay kept one): "
                + $"on AWS a copy back into {BucketLayout.Raw} would be a new S3 version, new to the ledger, and would load a second time; nothing copied");
        if (chosen.Count == 0)
            throw new UsageException($"drop {dropId} has nothing to replay: its {withoutOrigin.Count} file(s) in {BucketLayout.Processed} "
                + "carry no recorded origin (archived before replay kept one), and a copy would be a new S3 version that loads again");

        var replay = new FileReplay(store, clock);
        foreach (var key in chosen) await replay.EnsureFreeAsync(key, ct); // before any copy: all or none is replayed

        console.MarkupLine(Markup.Escape($"replaying {(dropId is null ? chosen[0] : $"drop {dropId}: {chosen.Count} file(s)")} "
            + $"in s3://{store.Bucket}: copied back into {BucketLayout.Raw}, where each starts its own ingest-file execution"));
        var started = clock.Now;
        foreach (var key in chosen)
        {
            var returned = await replay.PutBackAsync(key, ct);
            var now = await store.HeadAsync(returned.Version.Key, ct);
            var version = now?.VersionId is { } id ? $"version {id}" : "the copy";
            console.MarkupLine(Markup.Escape($"  {key} -> {returned.Version.Key} (" + (identities[key] switch
            {
                null => $"{version}: new to the ledger, so it loads once)",
                { } origin when key.StartsWith(BucketLayout.Processed, StringComparison.Ordinal) =>
                    $"{version}, a copy of loaded version {origin}: ingest-file ends already_loaded and adds nothing)",
                { } origin => $"{version}, a copy of refused version {origin}: never loaded, so it loads once)",
            })));
            if (returned.ReportKeptAt is { } report) console.MarkupLine(Markup.Escape($"    the earlier report is kept at {report}"));
        }

        if (withoutOrigin.Count > 0)
            console.MarkupLine(Markup.Escape($"  not copied: {withoutOrigin.Count} file(s) of the drop in {BucketLayout.Processed} are loaded and carry no "
                + "recorded origin (archived before replay kept one): a copy would be a new S3 version and load again"));

        console.MarkupLine(Markup.Escape("follow: the ingest-file executions started at or after "
            + $"{started.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z (EventBridge names each one itself) in "
            + (hints.IngestFileConsoleUrl ?? "the Step Functions console (the stack output IngestFileConsoleUrl)")));
        var drop = dropId ?? DropOf(chosen[0]);
        if (drop is not null)
            console.MarkupLine(Markup.Escape($"when the drop's last file loads, ingest-file (Is Drop Complete?) starts publish-drop as execution drop-{drop}; "
                + $"a file refused again gets a fresh report in {BucketLayout.ErrorFolder(drop)}"));
        console.MarkupLine(Markup.Escape($"if no execution starts: healthdw doctor --aws --stage {hints.Stage} checks the event path"));
        return ExitCodes.Ok;
    }

    /// <summary>The drop of an archived key (<c>error_files/&lt;drop&gt;/...</c>); null for an unrouted file, which has none.</summary>
    private static string? DropOf(string key)
    {
        var folder = key.Split('/')[1];
        return folder == BucketLayout.UnroutedFolder ? null : folder;
    }
}
