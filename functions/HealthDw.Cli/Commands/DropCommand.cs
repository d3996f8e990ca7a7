using System.CommandLine;
using HealthDw.Cli.Local;
using HealthDw.Cli.Progress;
using HealthDw.Core.Drops;
using HealthDw.Core.Pipeline;
using HealthDw.Functions.Steps;
using HealthDw.Generator.Faults;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary><c>healthdw drop FILES|FOLDERS</c>: put files into the local bucket and run each through the steps.</summary>
public static class DropCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var paths = new Argument<string[]>("paths") { Description = "CSV files or folders of them (a folder's own files; its sub-folders are skipped, and named)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("drop", $"Drop files into the local bucket's {BucketLayout.Raw} and load each one") { paths };
        command.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            await using var pipeline = await LocalPipeline.OpenAsync(ctx.Settings, ct);
            var workflow = LocalWorkflow.Create(pipeline, ctx.Settings);
            await InterruptedRunsStartup.RecoverAsync(ctx, pipeline, workflow, ct);
            var runs = await RunAsync(ctx, pipeline, workflow, parse.GetValue(paths)!, ct);
            return runs.ExitCode;
        });
        return command;
    }

    /// <summary>Drops the files one by one through ingest-file, then waits for the publish-drop executions they started.</summary>
    public sealed class DropRuns(IEnumerable<DropRunner.FileRun> runs, bool published) : List<DropRunner.FileRun>(runs)
    {
        /// <summary>False when a publish-drop started by these files did not publish.</summary>
        public bool Published { get; } = published;

        /// <summary>1 when a file was rejected (here, or by another execution of the same file), a step failed, or the drop
        /// was not published; else 0.</summary>
        public int ExitCode => this.Any(r => r.Outcome.Status is StepStatus.Rejected or StepStatus.AlreadyRejected or null) || !Published
            ? ExitCodes.Rejected : ExitCodes.Ok;
    }

    public static async Task<DropRuns> RunAsync(CliContext ctx, LocalPipeline pipeline, LocalWorkflow workflow,
        IEnumerable<string> paths, CancellationToken ct)
    {
        var runner = new DropRunner(pipeline, workflow);
        var named = paths.ToList();
        var files = runner.Expand(named);
        var skipped = DropRunner.SkippedFolders(named);
        if (files.Count == 0)
        {
            throw new UsageException(skipped.Count == 0
                ? $"nothing to drop: {string.Join(", ", named)} holds no file"
                : $"nothing to drop: {string.Join(", ", named)} holds only sub-folders, and drop does not go into them. {HowToDrop(skipped)}");
        }

        if (skipped.Count > 0)
            ctx.Console.MarkupLine($"[yellow]note[/]: skipped {skipped.Count} sub-folder(s) (drop does not go into them). {Markup.Escape(HowToDrop(skipped))}");
        return await IngestAsync(ctx, pipeline, workflow,
            files.Select(f => new FileToIngest(f, new FileInfo(f).Length, (progress, c) => runner.DropAsync(f, progress, c))).ToList(), ct);
    }

    /// <summary>Runs each file through ingest-file in turn (a drop copies it into raw_files/, a replay moves it back there),
    /// shows each load, then waits for the publish-drop executions they started and says what each file and drop came to.</summary>
    public static async Task<DropRuns> IngestAsync(CliContext ctx, LocalPipeline pipeline, LocalWorkflow workflow,
        IReadOnlyList<FileToIngest> files, CancellationToken ct)
    {
        pipeline.Outbox.Echo = n => ctx.Console.MarkupLine($"[grey]notification ({Markup.Escape(n.Kind)}): {Markup.Escape(n.Summary)}[/]");
        var started = pipeline.Clock.Now;
        var runs = new List<DropRunner.FileRun>();
        var loads = new LoadDisplay(ctx.Console, ctx.Interactive);
        var publish = new PublishDisplay(ctx.Console, ctx.Interactive);
        // A publish-drop started by the last file of a drop runs beside the loads that follow it: its models and checks
        // are shown from the start.
        pipeline.PublishProgress.Target = publish;
        try
        {
            if (!ctx.Interactive) ctx.Console.WriteLine($"loading {files.Count} file(s)");
            await loads.ShowWhileAsync(async () =>
            {
                foreach (var file in files)
                {
                    runs.Add(await DropOneAsync(ctx, loads, file, ct));
                }
            });

            Render(ctx.Console, runs, pipeline);
            if ((await workflow.Store.ListAsync(ct)).Any(r => r.StateMachineName == LocalWorkflow.PublishDrop && r.StartDate >= started))
                ctx.Console.MarkupLine("publishing the drop (publish-drop: build, check, reconcile, publish)...");
            await publish.ShowWhileAsync(() => workflow.Runner.WaitForAllAsync(ct));
        }
        finally
        {
            pipeline.PublishProgress.Target = null;
        }

        // Every file already loaded starts no publish: a complete drop whose publish died with its process is published here.
        var left = await new InterruptedRuns(pipeline, workflow).PublishLeftOverAsync(runs.Select(r => r.Outcome.Drop).OfType<DropState>(),
            started, line => ctx.Console.MarkupLine(Markup.Escape(line)), ct);
        var published = await ExecutionsCommand.RenderPublishesAsync(ctx.Console, workflow, started, ct);
        foreach (var problem in left) ctx.Console.MarkupLine($"[red]not published[/]: {Markup.Escape(problem)}");
        RenderWaiting(ctx.Console, runs.Select(r => r.Outcome));
        return new DropRuns(runs, published && left.Count == 0);
    }

    /// <summary>
    /// A drop whose files so far all loaded but that is not complete publishes nothing yet, and nothing failed (exit 0): say
    /// what it waits for (the manifest's files, or without a manifest the required tables, not loaded yet; files whose row
    /// count differs from the manifest's), from the last state of each drop these files reached.
    /// </summary>
    public static void RenderWaiting(IAnsiConsole console, IEnumerable<IngestOutcome> outcomes)
    {
        var last = new Dictionary<string, HealthDw.Core.Drops.DropState>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            if (outcome.Drop is { } drop) last[drop.DropId] = drop;
        }

        foreach (var drop in last.Values.Where(d => !d.Complete))
        {
            var waits = new List<string>();
            if (drop.Missing.Count > 0)
                waits.Add((drop.HasManifest ? "the manifest's files " : "the required tables ") + string.Join(", ", drop.Missing));
            if (drop.Mismatches.Count > 0)
                waits.Add("row counts that match the manifest for " + string.Join(", ", drop.Mismatches));
            if (waits.Count == 0) waits.Add("its manifest");
            console.MarkupLine($"[yellow]waiting[/] drop {Markup.Escape(drop.DropId)}: {drop.LoadedFiles:N0} file(s) loaded, not published yet; "
                + $"waiting for {Markup.Escape(string.Join("; and ", waits))}");
        }
    }

    /// <summary>Names the skipped folders and how to drop one; a generated faults/ folder is dropped one fault at a time.</summary>
    private static string HowToDrop(IReadOnlyList<string> skipped)
    {
        var names = string.Join(", ", skipped.Take(12).Select(Path.GetFileName)) + (skipped.Count > 12 ? ", ..." : "");
        var faults = skipped.All(FaultCatalog.IsFaultFolder)
            ? " Each generated fault is a broken copy of a real file, meant to be rejected: drop them one at a time."
            : "";
        return $"Skipped: {names}.{faults} To drop one, name it: healthdw drop {skipped[0]}";
    }

    /// <summary>A generated fault keeps the real file's name (so it routes like it): say which fault it is.</summary>
    private static string Describe(string file) =>
        FaultCatalog.FaultAt(file) is { } fault ? $"{Path.GetFileName(file)} (fault {fault})" : Path.GetFileName(file);

    private static async Task<DropRunner.FileRun> DropOneAsync(CliContext ctx, LoadDisplay loads, FileToIngest file, CancellationToken ct)
    {
        if (FaultCatalog.FaultAt(file.Path) is { } fault)
        {
            ctx.Console.MarkupLine($"fault [yellow]{Markup.Escape(fault)}[/]: {Markup.Escape(FaultCatalog.Summaries[fault])}; "
                + $"{Markup.Escape(Path.GetFileName(file.Path))} is a broken copy of the real file, meant to be rejected");
        }

        var shown = loads.Start(Describe(file.Path), file.Size);
        var run = await file.RunAsync(shown, ct);
        shown.Done(run.Outcome);
        return run;
    }

    private static void Render(IAnsiConsole console, IReadOnlyList<DropRunner.FileRun> runs, LocalPipeline pipeline)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("file").NoWrap()).AddColumn("table").AddColumn(new TableColumn("rows").RightAligned())
            .AddColumn("status").AddColumn(new TableColumn("time").RightAligned());
        foreach (var run in runs)
        {
            var o = run.Outcome;
            var status = o.Status switch
            {
                StepStatus.Loaded => "[green]loaded[/]",
                StepStatus.AlreadyLoaded => "[grey]already loaded[/]",
                StepStatus.Rejected => "[red]rejected[/]",
                StepStatus.AlreadyRejected => "[red]rejected by another execution[/]",
                StepStatus.Control => "control file",
                StepStatus.Ignored => "[grey]ignored[/]",
                null => "[red]step failed[/]",
                { } other => Markup.Escape(other.WireName()),
            };
            var rows = o.Verdict is { Status: StepStatus.Loaded or StepStatus.AlreadyLoaded } v ? v.Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "";
            table.AddRow(Markup.Escape(Describe(run.Path)), Markup.Escape(o.Route?.File.Table ?? ""), rows, status,
                $"{run.Elapsed.TotalSeconds:0.00}s");
        }

        console.Write(table);
        foreach (var run in runs.Where(r => r.Outcome.Status == StepStatus.Rejected))
        {
            var o = run.Outcome;
            var report = Path.Combine(pipeline.Store.Root, o.Archive!.ErrorReportKey!);
            var first = o.Verdict!.Problems.FirstOrDefault();
            console.MarkupLine($"[red]rejected[/] {Markup.Escape(Describe(run.Path))}: {Markup.Escape(first?.ToString() ?? "rejected")}"
                + (o.Verdict.ProblemCount > 1 ? $" (and {o.Verdict.ProblemCount - 1:N0} more)" : ""));
            if (first?.Hint is { Length: > 0 } hint)
                console.MarkupLine($"  hint: {Markup.Escape(hint)}");
            console.MarkupLine($"  report: {Markup.Escape(report)}");
        }

        foreach (var run in runs.Where(r => r.Outcome.Status == StepStatus.AlreadyRejected))
        {
            console.MarkupLine($"[red]rejected[/] {Markup.Escape(Describe(run.Path))}: refused by another execution of the same file, "
                + $"which wrote its report into {Markup.Escape(BucketLayout.ErrorFolder(run.Outcome.Route?.File.DropId))} and alerted; nothing more was done here");
        }

        foreach (var run in runs.Where(r => r.Outcome.Failed))
        {
            // Said from a look at the bucket, not assumed: another execution of the same file may have archived it.
            var key = run.Outcome.Route?.File.Key ?? BucketLayout.RawKey(Path.GetFileName(run.Path));
            var where = File.Exists(pipeline.Store.PathOf(key)) ? $"the file stays in {key}" : $"{key} is no longer there";
            console.MarkupLine($"[red]failed[/] {Markup.Escape(Path.GetFileName(run.Path))}: {Markup.Escape(run.Outcome.Error ?? "")}: "
                + $"{Markup.Escape(run.Outcome.Cause ?? "")}; {Markup.Escape(where)}. Details: healthdw executions show {run.Outcome.Execution}");
        }

        foreach (var run in runs.Where(r => r.Outcome.Verdict?.DeferredReferences.Count > 0))
        {
            console.MarkupLine($"[yellow]note[/] {Markup.Escape(Path.GetFileName(run.Path))}: reference checks wait for the rest of the drop: "
                + Markup.Escape(string.Join("; ", run.Outcome.Verdict!.DeferredReferences)));
        }
    }
}
