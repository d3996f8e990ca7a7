using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using HealthDw.Cli.Aws;
using HealthDw.Cli.Doctor;
using HealthDw.Cli.Local;
using HealthDw.Core.Drops;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;
using HealthDw.Core.Routing;
using HealthDw.Functions.Steps;
using HealthDw.StateMachine.History;
using HealthDw.Hosting;
using HealthDw.Storage;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary>
/// <c>healthdw replay FILE | DROP</c>: runs an archived file (from <c>error_files/</c> or <c>processed/</c>) through ingest-file
/// again, the way a drop does: it is moved back into <c>raw_files/</c> and its execution starts with the event S3 would send.
/// A drop id replays every archived file of that drop, then publishes it through <c>healthdw publish</c>'s path, unless the
/// replay itself completed the drop and so started its publish-drop. The ledger keeps each version loaded once.
/// With <c>--aws</c> it copies archived files back into a deployed stage's bucket instead (<see cref="Aws.AwsReplay"/>).
/// </summary>
public static class ReplayCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var target = new Argument<string>("target")
        {
            Description = "an archived file (error_files/DROP/NAME, processed/DROP/NAME, or just NAME) or a drop id (yyyyMMddTHHmm)",
        };
        var aws = new Option<bool>("--aws") { Description = "replay on a deployed stage: copy archived files back into raw_files/ of its bucket (a loaded one ends already loaded)" };
        var stage = new Option<string>("--stage") { Description = "with --aws: the stage in infra-cdk/stages.json", DefaultValueFactory = _ => "dev" };
        var stages = new Option<string?>("--stages") { Description = "with --aws: the stages file (default infra-cdk/stages.json)" };
        var outputs = new Option<string?>("--outputs") { Description = "with --aws: the stack outputs written by cdk deploy --outputs-file FILE" };
        var bucket = new Option<string?>("--bucket") { Description = "with --aws: the drop bucket, if not from --outputs" };
        var command = new Command("replay",
            "Run an archived file from error_files/ or processed/ through ingest-file again (after fixing its contract or route); a drop id replays all its files and publishes it; --aws copies archived files back into raw_files/ of a stage")
        {
            target, aws, stage, stages, outputs, bucket,
        };
        command.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            if (!parse.GetValue(aws)) return await RunAsync(ctx, parse.GetValue(target)!, ct);
            var stageName = parse.GetValue(stage)!;
            var where = AwsStageBucket.Resolve(stageName, parse.GetValue(stages) ?? DoctorCommand.DefaultStagesFile(ctx), parse.GetValue(outputs),
                parse.GetValue(bucket), Environment.GetEnvironmentVariable);
            using var s3 = where.CreateS3Client();
            var replay = new AwsReplay(HealthDwHost.Store(where.StoreOptions, s3), new SystemClock(), ctx.Console);
            return await replay.RunAsync(parse.GetValue(target)!, new AwsReplay.Hints(stageName, where.Outputs.GetValueOrDefault("IngestFileConsoleUrl")), ct);
        });
        return command;
    }

    public static async Task<int> RunAsync(CliContext ctx, string target, CancellationToken ct)
    {
        // What to replay is settled from the bucket alone, before the warehouse is opened: a name that is unknown or
        // ambiguous is one line and exit 2, whatever state the warehouse is in.
        var store = (FolderObjectStore)HealthDwHost.Store(new FolderStoreOptions(ctx.Settings.BucketFolder));
        var archived = new ArchivedFiles(store);
        var (dropId, keys) = await archived.SelectAsync(KeyOf(store, target), ct);

        await using var pipeline = await LocalPipeline.OpenAsync(ctx.Settings, ct);
        var workflow = LocalWorkflow.Create(pipeline, ctx.Settings);
        await InterruptedRunsStartup.RecoverAsync(ctx, pipeline, workflow, ct);
        var replay = new FileReplay(pipeline.Store, pipeline.Clock);
        foreach (var key in keys) await replay.EnsureFreeAsync(key, ct); // before any file moves: all or none is replayed

        var tables = LoadOrder.Tables(pipeline.Config);
        var ordered = keys.OrderBy(k => LoadOrder.Key(pipeline.Config, tables, k[(k.LastIndexOf('/') + 1)..])).ThenBy(k => k, StringComparer.Ordinal).ToList();
        var runner = new DropRunner(pipeline, workflow);
        var kept = new List<string>();
        var started = pipeline.Clock.Now;
        var files = ordered.Select(key => new FileToIngest(key, new FileInfo(pipeline.Store.PathOf(key)).Length, async (progress, c) =>
        {
            var began = Stopwatch.GetTimestamp();
            var returned = await replay.PutBackAsync(key, c);
            if (returned.ReportKeptAt is { } report) kept.Add(report);
            return await runner.RunAsync(key, returned.Version, began, progress, c);
        })).ToList();
        ctx.Console.MarkupLine(Markup.Escape(dropId is null
            ? $"replaying {keys[0]}: back into {BucketLayout.Raw} and through ingest-file"
            : $"replaying drop {dropId}: {files.Count} archived file(s) back into {BucketLayout.Raw} and through ingest-file, then publishing it"));
        var runs = await DropCommand.IngestAsync(ctx, pipeline, workflow, files, ct);
        foreach (var report in kept) ctx.Console.MarkupLine($"the earlier report is kept at {Markup.Escape(report)}");
        var already = runs.Where(r => r.Outcome.Status == StepStatus.AlreadyLoaded).ToList();
        if (already.Count == 1)
            ctx.Console.MarkupLine($"[grey]{Markup.Escape(already[0].Path)}: this version is loaded already (load {already[0].Outcome.Verdict?.LoadId}): nothing was added[/]");
        else if (already.Count > 1)
            ctx.Console.MarkupLine($"[grey]{already.Count} file(s) are loaded already (their versions are in the ledger): nothing was added from them[/]");

        if (dropId is null) return runs.ExitCode;
        return await PublishAsync(ctx, pipeline, workflow, dropId, started, runs, ct);
    }

    /// <summary>After a drop's files: publish it as <c>healthdw publish</c> does, unless a file is still refused (the drop is not
    /// whole) or the replay completed the drop and so started its publish-drop already (shown above by the files' run).</summary>
    private static async Task<int> PublishAsync(CliContext ctx, LocalPipeline pipeline, LocalWorkflow workflow, string dropId,
        DateTimeOffset started, DropCommand.DropRuns runs, CancellationToken ct)
    {
        if (runs.ExitCode != ExitCodes.Ok && runs.Published)
        {
            ctx.Console.MarkupLine($"[red]not published[/] drop {Markup.Escape(dropId)}: a file is still refused or failed; fix it and replay it (or the drop) again");
            return runs.ExitCode;
        }

        var startedByReplay = (await workflow.Store.ListAsync(ct)).Any(r => r.StateMachineName == LocalWorkflow.PublishDrop
            && r.StartDate >= started && (r.Input as JsonObject)?["dropId"]?.GetValue<string>() == dropId);
        if (startedByReplay) return runs.ExitCode;
        var record = await PublishCommand.RunAsync(ctx, pipeline, workflow, dropId, ct);
        return record.Status == ExecutionStatus.Succeeded ? ExitCodes.Ok : ExitCodes.Rejected;
    }

    /// <summary>A path into the local bucket folder (as a file manager shows it) is taken as its key.</summary>
    private static string KeyOf(FolderObjectStore store, string typed)
    {
        var full = Path.GetFullPath(typed);
        return full.StartsWith(store.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full)
            ? Path.GetRelativePath(store.Root, full).Replace(Path.DirectorySeparatorChar, '/')
            : typed;
    }
}
