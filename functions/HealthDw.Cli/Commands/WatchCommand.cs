using System.CommandLine;
using HealthDw.Cli.Local;
using HealthDw.Core.Pipeline;
using HealthDw.Functions.Steps;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary>
/// <c>healthdw watch</c>: the local twin of S3 → EventBridge → Step Functions. Files copied into the
/// local bucket's raw_files/ start an ingest-file execution each once they are complete.
/// </summary>
public static class WatchCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var settle = new Option<double>("--settle") { Description = "seconds a file must stay unchanged to count as complete", DefaultValueFactory = _ => 2 };
        var once = new Option<bool>("--once") { Description = "take the files present now (once complete), then stop" };
        var command = new Command("watch", $"Watch the local bucket's {BucketLayout.Raw} and ingest each complete new file") { settle, once };
        command.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            await using var pipeline = await LocalPipeline.OpenAsync(ctx.Settings, ct);
            var workflow = LocalWorkflow.Create(pipeline, ctx.Settings);
            await InterruptedRunsStartup.RecoverAsync(ctx, pipeline, workflow, ct);
            var runner = new DropRunner(pipeline, workflow);
            pipeline.Outbox.Echo = n => ctx.Console.MarkupLine($"[grey]notification ({Markup.Escape(n.Kind)}): {Markup.Escape(n.Summary)}[/]");
            var raw = Path.Combine(pipeline.Store.Root, BucketLayout.Raw);
            var watcher = new RawFilesWatcher(raw, TimeSpan.FromSeconds(parse.GetValue(settle)));
            ctx.Console.MarkupLine($"watching {Markup.Escape(raw)} (Ctrl+C to stop)");
            var failures = 0;
            var outcomes = new List<IngestOutcome>();
            var started = pipeline.Clock.Now;
            var quietSince = DateTime.UtcNow;
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    var ready = watcher.Poll(DateTime.UtcNow);
                    foreach (var name in ready)
                    {
                        if (await runner.IngestIfPresentAsync(BucketLayout.RawKey(name), ct) is not { } outcome)
                        {
                            ctx.Console.MarkupLine($"{DateTime.UtcNow:HH:mm:ss} {Markup.Escape(name)}: taken by another process (no longer in {BucketLayout.Raw})");
                            continue;
                        }

                        outcomes.Add(outcome);
                        if (outcome.Status is StepStatus.Rejected or StepStatus.AlreadyRejected or null) failures++;
                        ctx.Console.MarkupLine($"{DateTime.UtcNow:HH:mm:ss} {Markup.Escape(name)}: {Markup.Escape(outcome.StatusName)}"
                            + (outcome.Cause is { } cause ? $" — {Markup.Escape(cause)}" : ""));
                        quietSince = DateTime.UtcNow;
                    }

                    if (parse.GetValue(once) && ready.Count == 0 && DateTime.UtcNow - quietSince > watcher.Settle * 2) break;
                    await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl+C: stop watching; executions under way finish below.
            }

            await workflow.Runner.WaitForAllAsync(CancellationToken.None);
            // A drop that was not published (blocked by a check or reconciliation) is a failure, as it is for drop (README, exit codes).
            var published = await ExecutionsCommand.RenderPublishesAsync(ctx.Console, workflow, started, CancellationToken.None);
            DropCommand.RenderWaiting(ctx.Console, outcomes);
            return failures > 0 || !published ? ExitCodes.Rejected : ExitCodes.Ok;
        });
        return command;
    }
}
