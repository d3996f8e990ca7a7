using HealthDw.Cli.Commands;
using HealthDw.Cli.Local;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;
using Spectre.Console;

namespace HealthDw.Cli.Aws;

/// <summary>
/// <c>healthdw replay --aws FILE | DROP</c>: puts refused files of a deployed stage back into <c>raw_files/</c> of its drop
/// bucket, so that each takes the event path a vendor's upload takes (S3 "Object Created" -> EventBridge -> one ingest-file
/// execution). The CLI runs no workflow here: it copies, says what it copied and how to follow it.
/// <para>Only refused files (<c>error_files/</c>) are replayed on AWS. The bucket is versioned and the ledger keys on
/// bucket + key + VersionId; a copy is a new version with a version id of its own (S3 API Reference, "CopyObject":
/// versioning on the destination bucket gives the copy a unique version id, different from the source's). A refused
/// version was never loaded, so its copy loads once; a loaded file's copy would be a version the ledger has not seen, and
/// would load a second time. So a file in <c>processed/</c> is refused, and a drop's loaded files are left where they are.</para>
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
        var loaded = keys.Where(k => k.StartsWith(BucketLayout.Processed, StringComparison.Ordinal)).ToList();
        var refused = keys.Where(k => k.StartsWith(BucketLayout.Errors, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (dropId is null && loaded.Count == 1)
            throw new UsageException($"{loaded[0]} was loaded already: on AWS a copy back into {BucketLayout.Raw} is a new S3 version, "
                + $"and the ledger keys on the version, so it would load a second time; replay --aws takes refused files ({BucketLayout.Errors}) only");
        if (refused.Count == 0)
            throw new UsageException($"drop {dropId} has no refused file in {BucketLayout.Errors}: its {loaded.Count} file(s) in {BucketLayout.Processed} "
                + "are loaded, and on AWS a copy would be a new S3 version that loads again; nothing to replay");

        var replay = new FileReplay(store, clock);
        foreach (var key in refused) await replay.EnsureFreeAsync(key, ct); // before any copy: all or none is replayed

        console.MarkupLine(Markup.Escape($"replaying {(dropId is null ? refused[0] : $"drop {dropId}: {refused.Count} refused file(s)")} "
            + $"in s3://{store.Bucket}: copied back into {BucketLayout.Raw}, where each starts its own ingest-file execution"));
        var started = clock.Now;
        foreach (var key in refused)
        {
            var returned = await replay.PutBackAsync(key, ct);
            var now = await store.HeadAsync(returned.Version.Key, ct);
            console.MarkupLine(Markup.Escape($"  {key} -> {returned.Version.Key}"
                + (now?.VersionId is { } version ? $" (version {version}: new to the ledger, so it loads once)" : "")));
            if (returned.ReportKeptAt is { } report) console.MarkupLine(Markup.Escape($"    the earlier report is kept at {report}"));
        }

        if (loaded.Count > 0)
            console.MarkupLine(Markup.Escape($"  not copied: {loaded.Count} file(s) of the drop in {BucketLayout.Processed} are loaded already "
                + "(a copy would be a new S3 version and load again)"));

        console.MarkupLine(Markup.Escape("follow: the ingest-file executions started at or after "
            + $"{started.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z (EventBridge names each one itself) in "
            + (hints.IngestFileConsoleUrl ?? "the Step Functions console (the stack output IngestFileConsoleUrl)")));
        var drop = dropId ?? DropOf(refused[0]);
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
