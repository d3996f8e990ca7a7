using System.CommandLine;
using HealthDw.Cli.Local;
using HealthDw.Cli.Progress;
using HealthDw.Core.Checks;
using HealthDw.Core.Publishing;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary><c>healthdw checks run [table]</c>: the checks against the published analytics schema.</summary>
public static class ChecksCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var table = new Argument<string?>("table") { Description = "only the checks of this table", Arity = ArgumentArity.ZeroOrOne };
        var run = new Command("run", "Run the checks against the published analytics (nothing is recorded or published)") { table };
        run.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            await using var pipeline = await LocalPipeline.OpenAsync(ctx.Settings, ct);
            var only = parse.GetValue(table);
            var checks = pipeline.Analytics.Checks.Where(c => only is null || c.Table == only).ToList();
            if (checks.Count == 0) throw new UsageException($"no checks for '{only}'; tables with checks: {string.Join(", ", pipeline.Analytics.Checks.Select(c => c.Table).Distinct())}");
            var asOf = (await pipeline.Warehouse.RecentLoadsAsync(1, ct)).FirstOrDefault() is { } last
                ? new HealthDw.Core.Pipeline.DropId(last.DropId).Time ?? pipeline.Clock.Now
                : pipeline.Clock.Now;
            var display = new PublishDisplay(ctx.Console, ctx.Interactive);
            IReadOnlyList<CheckResult> results = [];
            await display.ShowWhileAsync(async () =>
                results = await new CheckRunner(pipeline.Sql, pipeline.Dialect, display).RunAsync(checks, AnalyticsProject.RelationsIn("analytics"), asOf, ct));
            var grid = new Table().Border(TableBorder.Rounded).AddColumn("table").AddColumn("check").AddColumn("outcome").AddColumn("value").AddColumn("where");
            foreach (var r in results)
            {
                var mark = r.Outcome switch { CheckOutcome.Fail => "[red]fail[/]", CheckOutcome.Warn => "[yellow]warn[/]", _ => "[green]pass[/]" };
                grid.AddRow(Markup.Escape(r.Check.Table), Markup.Escape(r.Check.Name), mark, Markup.Escape(r.Detail), $"{r.Check.File}:{r.Check.Line}");
            }

            ctx.Console.Write(grid);
            // The totals last, where a person's eye lands after a long table (and where `tail -1` finds them in a CI log).
            var totals = results.CountBy(r => r.Outcome).ToDictionary();
            ctx.Console.MarkupLine($"{results.Count} checks: [green]{totals.GetValueOrDefault(CheckOutcome.Pass)} pass[/], [yellow]{totals.GetValueOrDefault(CheckOutcome.Warn)} warn[/], [red]{totals.GetValueOrDefault(CheckOutcome.Fail)} fail[/]");
            return results.Any(r => r.Outcome == CheckOutcome.Fail) ? ExitCodes.Rejected : ExitCodes.Ok;
        });
        return new Command("checks", "SodaCL-style data quality checks") { run };
    }
}
