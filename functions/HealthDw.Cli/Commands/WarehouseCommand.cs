using System.CommandLine;
using HealthDw.Cli.Local;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary><c>healthdw warehouse start|stop</c>: the local PostgreSQL server the tool runs.</summary>
public static class WarehouseCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var start = new Command("start", "Start the local warehouse (it also starts on its own when needed) and print its connection string");
        start.SetAction(async (_, ct) =>
        {
            var ctx = context();
            var connection = await Server(ctx).EnsureStartedAsync(ct);
            ctx.Console.WriteLine(connection);
            return ExitCodes.Ok;
        });
        var stop = new Command("stop", "Stop the local warehouse server (its data stays in .healthdw/pg)");
        stop.SetAction(async (_, ct) =>
        {
            var ctx = context();
            var stopped = await Server(ctx).StopAsync(ct);
            ctx.Console.MarkupLine(stopped ? "local warehouse stopped" : "local warehouse was not running");
            return ExitCodes.Ok;
        });
        return new Command("warehouse", "Manage the local PostgreSQL warehouse") { start, stop };
    }

    private static LocalPostgresServer Server(CliContext ctx) => ctx.Settings.LocalServer;
}
