using System.Diagnostics;
using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Core.Routing;
using HealthDw.Functions.Events;

namespace HealthDw.Cli.Local;

/// <summary>
/// The local twin of uploading files to the bucket: copies each file into <c>raw_files/</c> and
/// starts an ingest-file execution with the event S3 would have sent through EventBridge. Files go
/// in dependency order (manifest, then referenced tables first, parts in order).
/// </summary>
public sealed class DropRunner(LocalPipeline pipeline, LocalWorkflow workflow)
{
    public sealed record FileRun(string Path, IngestOutcome Outcome, TimeSpan Elapsed);

    /// <summary>Files named directly, and the files directly inside folders named (not their sub-folders).</summary>
    public IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path)) files.AddRange(Directory.GetFiles(path));
            else if (File.Exists(path)) files.Add(path);
            else throw new FileNotFoundException($"no such file or folder: {path}", path);
        }

        var tables = LoadOrder.Tables(pipeline.Config);
        return files.OrderBy(f => LoadOrder.Key(pipeline.Config, tables, Path.GetFileName(f))).ToList();
    }

    /// <summary>The sub-folders of the folders named: <see cref="Expand"/> does not go into them, and says so.</summary>
    public static IReadOnlyList<string> SkippedFolders(IEnumerable<string> paths) =>
        paths.Where(Directory.Exists).SelectMany(Directory.GetDirectories).Order(StringComparer.Ordinal).ToList();

    public async Task<FileRun> DropAsync(string path, IProgress<FileLoadProgress>? progress, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var key = LocalPipeline.RawPrefix + Path.GetFileName(path);
        ObjectRef version;
        await using (var source = File.OpenRead(path))
        {
            // The version written, not a look at the key afterwards: another drop of the same file may archive it first.
            version = await pipeline.Store.PutVersionAsync(key, source, ct);
        }

        pipeline.LoadProgress.Target = progress;
        try
        {
            return new FileRun(path, await IngestAsync(version, ct), Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            pipeline.LoadProgress.Target = null;
        }
    }

    /// <summary>Starts ingest-file for an object already in the bucket and waits for it to end.</summary>
    public async Task<IngestOutcome> IngestAsync(string key, CancellationToken ct)
    {
        var head = await pipeline.Store.HeadAsync(key, ct) ?? throw new FileNotFoundException($"no object {key} in the bucket");
        return await IngestAsync(head, ct);
    }

    /// <summary>Starts ingest-file for the key's current version, or does nothing (null) when the key holds nothing any more:
    /// the watcher's way, as another process (a <c>healthdw drop</c> of the same file) may have archived it since it was seen.</summary>
    public async Task<IngestOutcome?> IngestIfPresentAsync(string key, CancellationToken ct) =>
        await pipeline.Store.HeadAsync(key, ct) is { } head ? await IngestAsync(head, ct) : null;

    /// <summary>Starts ingest-file for that version of an object and waits for it to end.</summary>
    public async Task<IngestOutcome> IngestAsync(ObjectRef head, CancellationToken ct)
    {
        var e = S3ObjectCreatedEvent.For(head.Bucket, head.Key, head.Size, head.ETag, head.VersionId, pipeline.Clock.Now,
            pipeline.Clock.NewId().ToString());
        return IngestOutcome.From(await workflow.IngestAsync(e, ct));
    }
}
