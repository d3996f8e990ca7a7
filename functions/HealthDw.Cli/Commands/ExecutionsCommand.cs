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
                    Markup.Escape(r.Name), Status(r), r.StopDate is { } stop ? (stop - r.StartDate).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) : "");
            }

            ctx.Console.Write(table);
            if (records.Any(r => r.IsOrphaned))
                ctx.Console.MarkupLine(ProcessGoneNote);
            ctx.Console.MarkupLine("details: [bold]healthdw executions show <execution>[/]");
            return ExitCodes.Ok;
        });

        var id = new Argument<string>("execution") { Description = "an execution name or ARN (from `executions list`)" };
        var full = new Option<bool>("--full") { Description = "show every input, output and cause whole, not cut at 160 characters" };
        var json = new Option<bool>("--json") { Description = "print the history as Step Functions' GetExecutionHistory returns it" };
        var show = new Command("show", "One execution: its error first if it failed, the path taken, each phase with its time, and every event")
        {
            id, full, json,
        };
        show.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            var record = await Store(ctx).GetAsync(parse.GetValue(id)!, ct)
                ?? throw new UsageException($"no execution '{parse.GetValue(id)}'; see `healthdw executions list`");
            if (parse.GetValue(json))
            {
                // Plain text, not markup: the JSON is for tools (jq) and must come out byte for byte.
                ctx.Console.Profile.Out.Writer.WriteLine(ExecutionHistoryJson.Write(record).ToJsonString(Indented));
                return ExitCodes.Ok;
            }

            Show(ctx.Console, record, parse.GetValue(full));
            return ExitCodes.Ok;
        });
        return new Command("executions", "Executions of the state machines, as the Step Functions console shows them") { list, show };
    }

    private static FolderExecutionStore Store(CliContext ctx) => new(Path.Combine(ctx.Settings.Home, "executions"));

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <param name="full">Inputs, outputs and causes whole; otherwise cut at 160 characters with "...".</param>
    public static void Show(IAnsiConsole console, ExecutionRecord record, bool full = false)
    {
        console.MarkupLine($"[bold]{Markup.Escape(record.StateMachineName)}[/] / {Markup.Escape(record.Name)}: {Status(record)}");
        if (record.IsOrphaned)
            console.MarkupLine(ProcessGoneNote);
        console.MarkupLine($"  {Markup.Escape(record.ExecutionArn)}");
        if (record.Error is not null)
        {
            // The state whose error was caught is where it went wrong (the Fail state at the end only reports it).
            var state = record.Events.LastOrDefault(e => e.Type == HistoryEventTypes.ErrorCaught)?.Details["name"]?.GetValue<string>()
                        ?? record.Events.LastOrDefault(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal))?.Details["name"]?.GetValue<string>();
            var phase = PublishPhases.FirstOrDefault(p => state is not null && p.States.Contains(state)).Name;
            console.MarkupLine($"  [red]failed in state[/] {Markup.Escape(state ?? "?")}{(phase is null ? "" : $" (phase {Markup.Escape(phase)})")}: "
                + $"[red]{Markup.Escape(record.Error)}[/]: {Markup.Escape(record.Cause ?? "")}");
            foreach (var failure in record.Events.Where(e => e.Type is "TaskFailed" or "LambdaFunctionFailed" or "TaskTimedOut"))
                console.MarkupLine($"  earlier: {Markup.Escape(failure.Type)} {Markup.Escape(Brief(failure.Details, full))}");
        }
        console.MarkupLine($"  path: {Markup.Escape(string.Join(" → ", record.Path))}");
        if (record.StateMachineName == LocalWorkflow.PublishDrop)
            ShowPhases(console, record);
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("#").RightAligned()).AddColumn("time (UTC)")
            .AddColumn("event").AddColumn("state").AddColumn("details");
        foreach (var e in record.Events)
        {
            var state = e.Details["name"]?.GetValue<string>() ?? "";
            table.AddRow(e.Id.ToString(CultureInfo.InvariantCulture), e.Timestamp.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
                Markup.Escape(e.Type), Markup.Escape(state), Markup.Escape(Brief(e.Details, full)));
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

    /// <summary>What a record still saying RUNNING is when its process is gone: nothing runs it, and nothing will until a command
    /// that runs workflows ends it (<see cref="InterruptedRuns"/>). A read-only command does not change it.</summary>
    private static string Status(ExecutionRecord record) => record.IsOrphaned ? "[yellow]PROCESS GONE[/]" : Status(record.Status);

    private const string ProcessGoneNote = "[yellow]PROCESS GONE[/]: its healthdw process was killed or crashed before it ended; "
        + "the next demo, drop, publish, replay or watch ends it as ABORTED and does its work again";

    private static string Status(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Succeeded => "[green]SUCCEEDED[/]",
        ExecutionStatus.Failed => "[red]FAILED[/]",
        ExecutionStatus.Running => "[blue]RUNNING[/]",
        _ => $"[yellow]{ExecutionStatusNames.ToName(status)}[/]",
    };

    private static string Brief(JsonObject details, bool full)
    {
        var parts = details.Where(p => p.Key != "name").Select(p =>
            $"{p.Key}={(p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : p.Value?.ToJsonString())}");
        var text = string.Join(" ", parts);
        return !full && text.Length > 160 ? text[..157] + "..." : text;
    }

    /// <summary>publish-drop's phases and the states (the Task and its polling loop) that make each one up.</summary>
    private static readonly (string Name, string[] States)[] PublishPhases =
    [
        ("Build Models", ["Start Model Checks", "Build Models", "Models Built?", "Model Checks Left?", "Count Model Check", "Wait For Models", "Check Models"]),
        ("Run Checks", ["Start Check Polls", "Run Checks", "Checks Done?", "Check Polls Left?", "Count Check Poll", "Wait For Checks", "Check Checks"]),
        ("Reconcile", ["Reconcile"]),
        ("Publish or Discard", ["Publish or Discard", "Was It Published?"]),
    ];

    /// <summary>Each publish phase with its time (from its first state entered to its last state left), and what it did:
    /// the slowest models with their times, the checks' outcomes, the totals, the decision.</summary>
    private static void ShowPhases(IAnsiConsole console, ExecutionRecord record)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("phases").AddColumn("phase").AddColumn("status")
            .AddColumn(new TableColumn("seconds").RightAligned()).AddColumn("what it did");
        foreach (var (name, states) in PublishPhases)
        {
            var events = record.Events.Where(e => (string?)e.Details["name"] is { } state && states.Contains(state)).ToList();
            if (events.Count == 0)
            {
                table.AddRow(Markup.Escape(name), "[grey]not reached[/]", "", "");
                continue;
            }

            var left = events.LastOrDefault(e => e.Type.EndsWith("StateExited", StringComparison.Ordinal));
            var failed = record.Events.Any(e => e.Type == HistoryEventTypes.ErrorCaught && states.Contains((string?)e.Details["name"] ?? ""));
            var end = left?.Timestamp ?? record.StopDate ?? events[^1].Timestamp;
            var output = left?.Details["output"] is JsonValue text && text.TryGetValue<string>(out var json) ? JsonNode.Parse(json) : null;
            table.AddRow(Markup.Escape(name), failed ? "[red]failed[/]" : left is null ? "[blue]running[/]" : "[green]done[/]",
                (end - events[0].Timestamp).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture), Markup.Escape(PhaseSummary(name, output)));
        }

        console.Write(table);
    }

    private static string Text(JsonNode? node) => (string?)node ?? "";

    private static string PhaseSummary(string phase, JsonNode? state)
    {
        var c = CultureInfo.InvariantCulture;
        if (phase == "Build Models" && state?["build"]?["result"]?["models"] is JsonArray models)
        {
            var slowest = models.OfType<JsonObject>().Where(m => m["seconds"] is not null).OrderByDescending(m => (double)m["seconds"]!).Take(3)
                .Select(m => string.Create(c, $"{Text(m["model"])} {(double)m["seconds"]!:0.0} s"));
            var failed = models.OfType<JsonObject>().Where(m => Text(m["status"]) == "failed").Select(m => $"; {Text(m["model"])} failed");
            return string.Create(c, $"{models.Count} models; slowest: {string.Join(", ", slowest)}") + string.Concat(failed);
        }

        if (phase == "Run Checks" && state?["checks"]?["result"]?["results"] is JsonArray results)
        {
            var outcomes = results.OfType<JsonObject>().GroupBy(r => Text(r["outcome"])).ToDictionary(g => g.Key, g => g.Count());
            return string.Create(c,
                $"{results.Count} checks: {outcomes.GetValueOrDefault("pass")} passed, {outcomes.GetValueOrDefault("warn")} warned, {outcomes.GetValueOrDefault("fail")} failed");
        }

        if (phase == "Reconcile" && state?["reconcile"]?["result"] is JsonObject totals)
            return (bool?)totals["matches"] == true ? "control totals agree" : "control totals differ";
        return phase == "Publish or Discard" ? Text(state?["publish"]?["result"]?["summary"]) : "";
    }
}
