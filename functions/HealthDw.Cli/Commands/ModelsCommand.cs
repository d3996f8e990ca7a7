using System.CommandLine;
using System.Globalization;
using HealthDw.Cli.Local;
using HealthDw.Cli.Progress;
using HealthDw.Hosting.Configuration;
using HealthDw.Core.Models;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary><c>healthdw models graph|run</c>: the model graph as text or Mermaid, and a build without publishing.</summary>
public static class ModelsCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var mermaid = new Option<bool>("--mermaid") { Description = "print a Mermaid flowchart (for docs) instead of text" };
        var graph = new Command("graph", "Show the models in build order with their dependencies") { mermaid };
        graph.SetAction(parse =>
        {
            var ctx = context();
            var (_, analytics) = ConfigFolder.LoadAll(ctx.Settings.ConfigFolder);
            ctx.Console.WriteLine(parse.GetValue(mermaid) ? Mermaid(analytics.Models) : Text(analytics.Models));
            return ExitCodes.Ok;
        });

        var drop = new Option<string>("--drop") { Description = "drop id whose rows incremental models merge (default: the latest loaded drop)" };
        var run = new Command("run", "Build every model into a build schema (not published: `healthdw publish` checks and publishes)") { drop };
        run.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            await using var pipeline = await LocalPipeline.OpenAsync(ctx.Settings, ct);
            var dropId = parse.GetValue(drop) ?? (await pipeline.Warehouse.RecentLoadsAsync(1, ct)).FirstOrDefault()?.DropId
                ?? throw new UsageException("nothing is loaded yet: drop files first, or pass --drop");
            var asOf = new HealthDw.Core.Pipeline.DropId(dropId).Time ?? throw new UsageException($"'{dropId}' is not a drop id");
            var target = BuildTarget.ForDrop(dropId, asOf);
            var display = new PublishDisplay(ctx.Console, ctx.Interactive);
            IReadOnlyList<ModelRun> runs = [];
            await display.ShowWhileAsync(async () =>
                runs = await new ModelRunner(pipeline.Sql, pipeline.Dialect, steps: display).BuildAsync(pipeline.Analytics.Models, target, null, ct));
            var table = new Table().Border(TableBorder.Rounded).Title($"models built into {target.BuildSchema}")
                .AddColumn("model").AddColumn("materialized").AddColumn(new TableColumn("seconds").RightAligned());
            foreach (var r in runs)
                table.AddRow(r.Model, r.Merged ? "incremental (merged)" : r.Materialized.ToString().ToLowerInvariant(), r.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture));
            ctx.Console.Write(table);
            ctx.Console.MarkupLine($"not published: inspect {target.BuildSchema}, then [bold]healthdw publish {dropId}[/] to check and publish");
            return ExitCodes.Ok;
        });
        return new Command("models", "The SQL models that build the star schema") { graph, run };
    }

    public static string Text(ModelProject project) =>
        string.Join("\n", project.Levels.Select((level, i) => $"level {i + 1}:\n" + string.Join("\n", level.Select(m =>
            $"  {m.Name} ({m.Config.Materialized.ToString().ToLowerInvariant()})"
            + (m.Refs.Count + m.Sources.Count == 0 ? "" : " <- " + string.Join(", ",
                m.Sources.Select(s => $"{s.Schema}.{s.Table}").Concat(m.Refs.Select(r => r.Name)).Distinct()))))));

    public static string Mermaid(ModelProject project)
    {
        var lines = new List<string> { "flowchart LR" };
        foreach (var model in project.InOrder)
        {
            foreach (var source in model.Sources.Select(s => s.Table).Distinct()) lines.Add($"  src_{source}[(staging.{source})] --> {model.Name}");
            foreach (var r in model.Refs.Select(r => r.Name).Distinct()) lines.Add($"  {r} --> {model.Name}");
        }

        return string.Join("\n", lines);
    }
}
