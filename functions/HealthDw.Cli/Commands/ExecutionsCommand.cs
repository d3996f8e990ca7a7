using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using HealthDw.Cli.Local;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Storage;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary><c>healthdw executions list|show</c>: the local executions, like the Step Functions console.</summary>
public static class ExecutionsCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var limit = new Option<int>("--limit") { Description = "how many to show", DefaultValueFactory = _ => 30 };
        var list = new Command("list", "Recent executions of ingest-file and publish-drop") { limit };
        list.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            var records = await Store(ctx).ListAsync(ct);
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("started (UTC)").AddColumn("state machine").AddColumn("execution").AddColumn("status").AddColumn(new TableColumn("seconds").RightAligned());
            foreach (var r in records.Take(parse.GetValue(limit)))
            {
                table.AddRow(r.StartDate.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Markup.Escape(r.StateMachineName),
                    Markup.Escape(r.Name), Status(r.Status), r.StopDate is { } stop ? (stop - r.StartDate).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) : "");
            }

            ctx.Console.Write(table);
            ctx.Console.MarkupLine("details: [bold]healthdw executions show <execution>[/]");
            return ExitCodes.Ok;
        });

        var id = new Argument<string>("execution") { Description = "an execution name or ARN (from `executions list`)" };
        var show = new Command("show", "One execution: its error first if it failed, the path taken, and every event") { id };
        show.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            var record = await Store(ctx).GetAsync(parse.GetValue(id)!, ct)
                ?? throw new UsageException($"no execution '{parse.GetValue(id)}'; see `healthdw executions list`");
            Show(ctx.Console, record);
            return ExitCodes.Ok;
        });
        return new Command("executions", "Executions of the state machines, as the Step Functions console shows them") { list, show };
    }

    private static FolderExecutionStore Store(CliContext ctx) => new(Path.Combine(ctx.Settings.Home, "executions"));

    public static void Show(IAnsiConsole console, ExecutionRecord record)
    {
        console.MarkupLine($"[bold]{Markup.Escape(record.StateMachineName)}[/] / {Markup.Escape(record.Name)}: {Status(record.Status)}");
        console.MarkupLine($"  {Markup.Escape(record.ExecutionArn)}");
        if (record.Error is not null)
        {
            var state = record.Events.LastOrDefault(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal))?.Details["name"]?.GetValue<string>();
            console.MarkupLine($"  [red]failed in state[/] {Markup.Escape(state ?? "?")}: [red]{Markup.Escape(record.Error)}[/]: {Markup.Escape(record.Cause ?? "")}");
            foreach (var failure in record.Events.Where(e => e.Type is "TaskFailed" or "LambdaFunctionFailed" or "TaskTimedOut"))
                console.MarkupLine($"  earlier: {Markup.Escape(failure.Type)} {Markup.Escape(Brief(failure.Details))}");
        }
        console.MarkupLine($"  path: {Markup.Escape(string.Join(" → ", record.Path))}");
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("#").RightAligned()).AddColumn("time (UTC)")
            .AddColumn("event").AddColumn("state").AddColumn("details");
        foreach (var e in record.Events)
        {
            var state = e.Details["name"]?.GetValue<string>() ?? "";
            table.AddRow(e.Id.ToString(CultureInfo.InvariantCulture), e.Timestamp.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
                Markup.Escape(e.Type), Markup.Escape(state), Markup.Escape(Brief(e.Details)));
        }

        console.Write(table);
    }

    /// <summary>Prints the publish-drop executions started since <paramref name="since"/>; false if any did not publish.</summary>
    public static async Task<bool> RenderPublishesAsync(IAnsiConsole console, LocalWorkflow workflow, DateTimeOffset since, CancellationToken ct)
    {
        var ok = true;
        foreach (var r in (await workflow.Store.ListAsync(ct)).Where(r => r.StateMachineName == LocalWorkflow.PublishDrop && r.StartDate >= since).Reverse())
        {
            var summary = (r.Output as JsonObject)?["publish"]?["result"]?["summary"]?.GetValue<string>();
            if (r.Status == ExecutionStatus.Succeeded)
            {
                console.MarkupLine($"[green]{Markup.Escape(r.Name)}[/]: {Markup.Escape(summary ?? "done")}");
            }
            else
            {
                ok = false;
                console.MarkupLine($"[red]{Markup.Escape(r.Name)}[/] {Status(r.Status)}: {Markup.Escape(r.Error ?? "")}: {Markup.Escape(r.Cause ?? "")}");
            }

            console.MarkupLine($"  details: healthdw executions show {Markup.Escape(r.Name)}");
        }

        return ok;
    }

    private static string Status(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Succeeded => "[green]SUCCEEDED[/]",
        ExecutionStatus.Failed => "[red]FAILED[/]",
        ExecutionStatus.Running => "[blue]RUNNING[/]",
        _ => $"[yellow]{ExecutionStatusNames.ToName(status)}[/]",
    };

    private static string Brief(JsonObject details)
    {
        var parts = details.Where(p => p.Key != "name").Select(p =>
            $"{p.Key}={(p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : p.Value?.ToJsonString())}");
        var text = string.Join(" ", parts);
        return text.Length > 160 ? text[..157] + "..." : text;
    }
}
