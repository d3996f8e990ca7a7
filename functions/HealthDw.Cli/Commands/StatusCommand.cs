using System.CommandLine;
using System.Globalization;
using HealthDw.Cli.Local;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary><c>healthdw status</c>: the ledger's recent loads and the recent rejections.</summary>
public static class StatusCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var limit = new Option<int>("--limit") { Description = "how many of each to show", DefaultValueFactory = _ => 20 };
        var command = new Command("status", "Show recent loads (the ledger) and rejected files") { limit };
        command.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            await using var pipeline = await LocalPipeline.OpenAsync(ctx.Settings, ct);
            var loads = await pipeline.Warehouse.RecentLoadsAsync(parse.GetValue(limit), ct);
            var table = new Table().Border(TableBorder.Rounded).Title("recent loads")
                .AddColumn("loaded at (UTC)").AddColumn("drop").AddColumn("table").AddColumn("file")
                .AddColumn(new TableColumn("rows").RightAligned()).AddColumn("version");
            foreach (var l in loads)
            {
                table.AddRow(l.LoadedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), l.DropId, l.Table,
                    Markup.Escape(l.Key), l.Rows.ToString("N0", CultureInfo.InvariantCulture), l.VersionToken[..Math.Min(12, l.VersionToken.Length)]);
            }

            ctx.Console.Write(table);
            var rejections = await pipeline.Warehouse.RecentRejectionsAsync(parse.GetValue(limit), ct);
            var rejected = new Table().Border(TableBorder.Rounded).Title("recent rejections")
                .AddColumn("rejected at (UTC)").AddColumn("file").AddColumn("stage").AddColumn(new TableColumn("problems").RightAligned()).AddColumn("first problem");
            foreach (var r in rejections)
            {
                rejected.AddRow(r.RejectedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Markup.Escape(r.Key), r.Stage,
                    r.ProblemCount.ToString("N0", CultureInfo.InvariantCulture), Markup.Escape(r.FirstProblem));
            }

            ctx.Console.Write(rejected);
            return ExitCodes.Ok;
        });
        return command;
    }
}
