using System.CommandLine;
using HealthDw.Cli.Local;
using HealthDw.Cli.Progress;
using HealthDw.Core.Checks;
using HealthDw.Core.Drops;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;
using HealthDw.Functions.Steps;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary><c>healthdw publish DROP</c>: build, check, reconcile and (if clean) publish one drop's warehouse.</summary>
public static class PublishCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var drop = new Argument<string>("drop") { Description = "the drop id, yyyyMMddTHHmm" };
        var command = new Command("publish", "Build the star schema for a drop, run the checks, reconcile, and publish if all pass") { drop };
        command.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            await using var pipeline = await LocalPipeline.OpenAsync(ctx.Settings, ct);
            var outcome = await RunAsync(ctx, pipeline, parse.GetValue(drop)!, ct);
            return outcome.Published ? ExitCodes.Ok : ExitCodes.Rejected;
        });
        return command;
    }

    public static async Task<PublishOutcome> RunAsync(CliContext ctx, LocalPipeline pipeline, string dropId, CancellationToken ct)
    {
        var asOf = DropCompleteness.DropTime(dropId) ?? throw new UsageException($"'{dropId}' is not a drop id (yyyyMMddTHHmm)");
        var state = await new DropStatusHandler(pipeline.Config, pipeline.Warehouse, pipeline.Store, pipeline.Clock)
            .HandleAsync(new DropStatusRequest(dropId), ct);
        if (state.LoadedFiles == 0)
            throw new UsageException($"no file of drop {dropId} has been loaded, so there is nothing to publish; `healthdw status` lists the loads");
        var display = new PublishDisplay(ctx.Console, ctx.Interactive);
        PublishOutcome? published = null;
        pipeline.PublishProgress.Target = display;
        try
        {
            await display.ShowWhileAsync(async () => published = await pipeline.Publisher.PublishAsync(dropId, asOf, state,
                new Progress<string>(line => ctx.Console.MarkupLine($"[grey]{Markup.Escape(line)}[/]")), ct));
        }
        finally
        {
            pipeline.PublishProgress.Target = null;
        }

        var outcome = published!;
        Render(ctx.Console, outcome);
        // The same digest the publish-drop workflow sends, so a publish by hand is announced like any other.
        var (summary, lines) = DropDigest.Build(outcome, state, await pipeline.Warehouse.DropRejectionsAsync(dropId, ct));
        try
        {
            await pipeline.Notifier.SendAsync(new Notification(outcome.Published ? "drop_published" : "drop_blocked", dropId, null, summary, null,
                pipeline.Clock.Now, lines, null), ct);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            // The publish itself is done; a digest that could not go out is worth a warning, not a failed command.
            ctx.Console.MarkupLine($"[yellow]warning[/]: the drop's digest could not be sent: {Markup.Escape(e.Message)}");
        }
        return outcome;
    }

    public static void Render(IAnsiConsole console, PublishOutcome outcome)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"checks of drop {outcome.DropId}")
            .AddColumn("table").AddColumn("check").AddColumn("outcome").AddColumn("value");
        foreach (var result in outcome.Checks.OrderBy(r => r.Outcome != CheckOutcome.Fail).ThenBy(r => r.Outcome != CheckOutcome.Warn))
        {
            var mark = result.Outcome switch
            {
                CheckOutcome.Fail => "[red]fail[/]",
                CheckOutcome.Warn => "[yellow]warn[/]",
                _ => "[green]pass[/]",
            };
            table.AddRow(Markup.Escape(result.Check.Table), Markup.Escape(result.Check.Name), mark, Markup.Escape(result.Detail));
        }

        console.Write(table);
        foreach (var line in outcome.Reconciliation) console.MarkupLine($"reconciled {Markup.Escape(line.ToString())}");
        console.MarkupLine(outcome.Published
            ? $"[green]published[/] drop {outcome.DropId}: {outcome.Models.Count} models, {outcome.Passed} checks passed, {outcome.Warned} warned, in {outcome.Duration.TotalSeconds:0.0}s"
            : $"[red]not published[/] drop {outcome.DropId}: the analytics schema is unchanged. {DropDigest.Problems(outcome.Blockers.Count)}:");
        foreach (var blocker in outcome.Blockers) console.MarkupLine($"  - {Markup.Escape(blocker)}");
    }
}
