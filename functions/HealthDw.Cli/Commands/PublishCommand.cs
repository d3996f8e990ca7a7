using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using HealthDw.Cli.Local;
using HealthDw.Cli.Progress;
using HealthDw.Core.Drops;
using HealthDw.StateMachine.History;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary><c>healthdw publish DROP</c>: starts a publish-drop execution for the drop (as a person starts it again in the
/// Step Functions console) and shows its phases as they run: build, check, reconcile, then publish if all pass.</summary>
public static class PublishCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var drop = new Argument<string>("drop") { Description = "the drop id, yyyyMMddTHHmm" };
        var command = new Command("publish", "Start publish-drop for a drop: build the star schema, run the checks, reconcile, and publish if all pass") { drop };
        command.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            await using var pipeline = await LocalPipeline.OpenAsync(ctx.Settings, ct);
            var workflow = LocalWorkflow.Create(pipeline, ctx.Settings);
            var restarted = await InterruptedRunsStartup.RecoverAsync(ctx, pipeline, workflow, ct);
            // A publish of this drop that a killed process left was just run again: that is the publish asked for.
            var record = restarted.FirstOrDefault(r => InterruptedRuns.DropOf(r) == parse.GetValue(drop))
                ?? await RunAsync(ctx, pipeline, workflow, parse.GetValue(drop)!, ct);
            return record.Status == ExecutionStatus.Succeeded ? ExitCodes.Ok : ExitCodes.Rejected;
        });
        return command;
    }

    /// <summary>Runs publish-drop for the drop and renders what it decided; the execution appears in <c>executions list</c>.</summary>
    public static async Task<ExecutionRecord> RunAsync(CliContext ctx, LocalPipeline pipeline, LocalWorkflow workflow, string dropId, CancellationToken ct)
    {
        _ = new HealthDw.Core.Pipeline.DropId(dropId).Time ?? throw new UsageException($"'{dropId}' is not a drop id (yyyyMMddTHHmm)");
        if ((await pipeline.Warehouse.DropLoadsAsync(dropId, ct)).Count == 0)
            throw new UsageException($"no file of drop {dropId} has been loaded, so there is nothing to publish; `healthdw status` lists the loads");
        pipeline.Outbox.Echo = n => ctx.Console.MarkupLine($"[grey]notification ({Markup.Escape(n.Kind)}): {Markup.Escape(n.Summary)}[/]");
        var display = new PublishDisplay(ctx.Console, ctx.Interactive);
        ExecutionRecord? record = null;
        pipeline.PublishProgress.Target = display;
        try
        {
            await display.ShowWhileAsync(async () => record = await workflow.PublishAsync(dropId, publishNow: true, ct));
        }
        finally
        {
            pipeline.PublishProgress.Target = null;
        }

        Render(ctx.Console, record!);
        return record!;
    }

    /// <summary>The checks, the totals and the decision, read from the execution's state after Publish or Discard (a
    /// blocked drop's execution fails, so its output is not there); a failure names its state and cause.</summary>
    public static void Render(IAnsiConsole console, ExecutionRecord record)
    {
        var state = PhaseOutput(record, "Publish or Discard");
        var checks = state?["checks"]?["result"]?["results"] as JsonArray ?? [];
        if (checks.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"checks ({Markup.Escape(record.Name)})")
                .AddColumn("table").AddColumn("check").AddColumn("outcome").AddColumn("value");
            foreach (var check in checks.OfType<JsonObject>().OrderBy(c => Rank((string?)c["outcome"])))
            {
                var mark = (string?)check["outcome"] switch
                {
                    "fail" => "[red]fail[/]",
                    "warn" => "[yellow]warn[/]",
                    _ => "[green]pass[/]",
                };
                table.AddRow(Markup.Escape((string?)check["table"] ?? ""), Markup.Escape((string?)check["check"] ?? ""), mark,
                    Markup.Escape((string?)check["detail"] ?? ""));
            }

            console.Write(table);
        }

        var publish = state?["publish"]?["result"];
        foreach (var line in (publish?["lines"] as JsonArray ?? []).Select(l => (string?)l).OfType<string>().Where(l => l.StartsWith("reconciled ", StringComparison.Ordinal)))
            console.MarkupLine(Markup.Escape(line));
        if (publish is not null && (bool?)publish["published"] == true)
        {
            console.MarkupLine($"[green]published[/] drop {Markup.Escape((string?)publish["dropId"] ?? "")}: {Markup.Escape((string?)publish["summary"] ?? "")}");
        }
        else if (publish is not null)
        {
            var blockers = (publish["blockers"] as JsonArray ?? []).Select(b => (string?)b).OfType<string>().ToList();
            console.MarkupLine($"[red]not published[/] drop {Markup.Escape((string?)publish["dropId"] ?? "")}: the analytics schema is unchanged. "
                + $"{blockers.Count.ToString(CultureInfo.InvariantCulture)} problem(s):");
            foreach (var blocker in blockers) console.MarkupLine($"  - {Markup.Escape(blocker)}");
        }
        else if (record.Status != ExecutionStatus.Succeeded)
        {
            console.MarkupLine($"[red]{Markup.Escape(record.Name)} {Markup.Escape(record.Status.ToString())}[/]: {Markup.Escape(record.Error ?? "")}: {Markup.Escape(record.Cause ?? "")}");
        }

        console.MarkupLine($"details: healthdw executions show {Markup.Escape(record.Name)}");
    }

    /// <summary>The state data as a state left it (its last exit), or null when it never did.</summary>
    private static JsonNode? PhaseOutput(ExecutionRecord record, string stateName)
    {
        var exited = record.Events.LastOrDefault(e => e.Type.EndsWith("StateExited", StringComparison.Ordinal) && (string?)e.Details["name"] == stateName);
        return exited?.Details["output"] is JsonValue text && text.TryGetValue<string>(out var json) ? JsonNode.Parse(json) : null;
    }

    private static int Rank(string? outcome) => outcome switch
    {
        "fail" => 0,
        "warn" => 1,
        _ => 2,
    };
}
