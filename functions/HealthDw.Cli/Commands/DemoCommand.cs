using System.CommandLine;
using System.Globalization;
using HealthDw.Cli.Local;
using HealthDw.Cli.Progress;
using HealthDw.Functions.Steps;
using HealthDw.Generator;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary><c>healthdw demo</c>: generate a small drop, drop it, and show what reached staging.</summary>
public static class DemoCommand
{
    public const string DemoDrop = "20261121T0200";

    public static Command Create(Func<CliContext> context)
    {
        var scale = new Option<double>("--scale") { Description = "size of the generated drop (1 ≈ 1M rows)", DefaultValueFactory = _ => 0.5 };
        var command = new Command("demo", "Generate a synthetic EMR drop, load it into the local warehouse, show the result") { scale };
        command.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            var folder = Path.Combine(ctx.Settings.Home, "demo", DemoDrop);
            ctx.Console.MarkupLine($"generating drop [bold]{DemoDrop}[/] into {Markup.Escape(folder)}");
            var generated = GenerateCommand.Generate(folder, new GeneratorOptions(parse.GetValue(scale), 42, DemoDrop),
                new GenerationDisplay(ctx.Console, ctx.Interactive));
            ctx.Console.MarkupLine($"generated drop [bold]{DemoDrop}[/]: {generated.Files.Count} files, {generated.Files.Sum(f => f.Rows):N0} rows in {Markup.Escape(folder)}");
            await using var pipeline = await OpenAsync(ctx, ct);
            ctx.Console.MarkupLine($"local bucket: {Markup.Escape(pipeline.Store.Root)}");
            var workflow = LocalWorkflow.Create(pipeline, ctx.Settings);
            await InterruptedRunsStartup.RecoverAsync(ctx, pipeline, workflow, ct);
            var runs = await DropCommand.RunAsync(ctx, pipeline, workflow, [folder], ct);

            var counts = await pipeline.Warehouse.StagingRowCountsAsync(pipeline.Config, ct);
            var table = new Table().Border(TableBorder.Rounded).Title("staging row counts (all loads)")
                .AddColumn("staging table").AddColumn(new TableColumn("rows").RightAligned());
            // The doctor's canary table is empty between doctor runs and is no extract: it is not shown.
            foreach (var (name, rows) in counts.Where(c => c.Key != HealthDw.Core.Doctor.CanaryFile.Table).OrderBy(c => c.Key, StringComparer.Ordinal))
                table.AddRow(name, rows.ToString("N0", CultureInfo.InvariantCulture));
            ctx.Console.Write(table);

            var loaded = runs.Count(r => r.Outcome.Status == StepStatus.Loaded);
            var again = runs.Count(r => r.Outcome.Status == StepStatus.AlreadyLoaded);
            ctx.Console.MarkupLine(again > 0 && loaded == 0
                ? "every file of this drop was already loaded: nothing was added. Try [bold]healthdw generate --faults[/] and [bold]healthdw drop[/] a fault file."
                : $"{loaded} files loaded. Run the demo again: every file is reported as already loaded and no row is added.");
            return runs.ExitCode;
        });
        return command;
    }

    /// <summary>Opens the pipeline; the first time the tool's own PostgreSQL server is made, says so, as it takes a while
    /// (the embedded DuckDB file is made at once, and needs no word).</summary>
    private static async Task<LocalPipeline> OpenAsync(CliContext ctx, CancellationToken ct)
    {
        var first = ctx.Settings.DuckDbFile is null && ctx.Settings.WarehouseConnection is null
            && !File.Exists(Path.Combine(ctx.Settings.Home, "pg", "data", "PG_VERSION"));
        if (!first) return await LocalPipeline.OpenAsync(ctx.Settings, ct);
        const string creating = "creating the local warehouse (a PostgreSQL server under the state folder; the first time only)";
        if (!ctx.Interactive)
        {
            ctx.Console.WriteLine(creating + "...");
            return await LocalPipeline.OpenAsync(ctx.Settings, ct);
        }

        return await ctx.Console.Status().Spinner(Spinner.Known.Dots).StartAsync(creating, _ => LocalPipeline.OpenAsync(ctx.Settings, ct));
    }
}
