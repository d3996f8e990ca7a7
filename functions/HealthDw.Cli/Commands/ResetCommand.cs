using System.CommandLine;
using System.Globalization;
using HealthDw.Cli.Local;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary>
/// <c>healthdw reset</c>: stops the local warehouse and removes the state folder (its cluster, the bucket when it lives there,
/// the outbox, logs, generated demo drops), after saying what that is and how big. The folder grows by hundreds of MB a drop.
/// </summary>
public static class ResetCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var yes = new Option<bool>("--yes", "-y") { Description = "do not ask for confirmation (for scripts)" };
        var command = new Command("reset", "Stop the local warehouse and remove the state folder (.healthdw/ or HEALTHDW_HOME), after confirmation") { yes };
        command.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            var home = Path.GetFullPath(ctx.Settings.Home);
            if (!Directory.Exists(home))
            {
                ctx.Console.MarkupLine($"nothing to reset: {Markup.Escape(home)} does not exist");
                return ExitCodes.Ok;
            }

            if (IsNoStateFolder(home))
                throw new UsageException($"{home} is not a state folder this tool made (it is a root, a home, the current folder or a git work tree); set HEALTHDW_HOME to the state folder");

            var size = SizeOf(home);
            ctx.Console.MarkupLine($"this removes [bold]{Markup.Escape(home)}[/] ({Human(size)}): the local warehouse's data, the outbox, logs and generated drops");
            var bucket = Path.GetFullPath(ctx.Settings.BucketFolder);
            ctx.Console.MarkupLine(IsInside(bucket, home)
                ? $"  and the local bucket {Markup.Escape(bucket)} with every raw, processed and rejected file"
                : $"  the local bucket {Markup.Escape(bucket)} is outside it (HEALTHDW_BUCKET) and is kept");
            if (ctx.Settings.WarehouseConnection is not null)
                ctx.Console.MarkupLine("  the warehouse HEALTHDW_WAREHOUSE points at is not touched: its tables stay");

            if (!parse.GetValue(yes))
            {
                // Without a terminal nobody can answer, and removing data must not be the default.
                if (!ctx.Interactive || Console.IsInputRedirected)
                    throw new UsageException("not removing anything without confirmation: run `healthdw reset --yes` to confirm from a script");
                if (!await new ConfirmationPrompt("remove it?") { DefaultValue = false }.ShowAsync(ctx.Console, ct))
                {
                    ctx.Console.MarkupLine("nothing removed");
                    return ExitCodes.Ok;
                }
            }

            var pg = Path.Combine(home, "pg");
            if (File.Exists(Path.Combine(pg, "data", "postmaster.pid")))
            {
                var stopped = await (ctx.Settings with { Home = home }).LocalServer.StopAsync(ct);
                ctx.Console.MarkupLine(stopped ? "local warehouse stopped" : "local warehouse was not running");
            }

            try
            {
                Directory.Delete(home, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ctx.Console.MarkupLine($"[red]error:[/] could not remove all of {Markup.Escape(home)}: {Markup.Escape(e.Message)}");
                return ExitCodes.Internal;
            }

            ctx.Console.MarkupLine($"removed {Markup.Escape(home)} ({Human(size)}); the next command starts from an empty warehouse");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A guard against a mistyped HEALTHDW_HOME: folders that are certainly not a state folder are never removed.</summary>
    private static bool IsNoStateFolder(string folder)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(folder);
        return trimmed == Path.TrimEndingDirectorySeparator(Path.GetPathRoot(folder) ?? "/")
            || trimmed == Path.TrimEndingDirectorySeparator(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile))
            || trimmed == Path.TrimEndingDirectorySeparator(Environment.CurrentDirectory)
            || Directory.Exists(Path.Combine(folder, ".git"));
    }

    private static bool IsInside(string path, string folder) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static long SizeOf(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
            .Sum(f => f.Length);

    private static string Human(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
