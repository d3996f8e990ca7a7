using System.CommandLine;
using HealthDw.Cli.Commands;
using HealthDw.Cli.Local;
using HealthDw.Core.Configuration;
using HealthDw.Core.Ports;
using Spectre.Console;

namespace HealthDw.Cli;

/// <summary>The <c>healthdw</c> command line. Errors a user can cause are one clear line and an exit code,
/// never a stack trace; unexpected ones are written in full to <c>.healthdw/logs/</c>.</summary>
public static class HealthDwCli
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, LocalSettings? settings = null)
    {
        var context = () => new CliContext(console, settings ?? LocalSettings.FromEnvironment());
        var root = new RootCommand("HealthDw: EMR extracts → a checked healthcare data warehouse, locally or on AWS")
        {
            DemoCommand.Create(context),
            GenerateCommand.Create(context),
            DropCommand.Create(context),
            StatusCommand.Create(context),
            WarehouseCommand.Create(context),
            BenchCommand.Create(context),
            PublishCommand.Create(context),
            ReplayCommand.Create(context),
            ModelsCommand.Create(context),
            ChecksCommand.Create(context),
            ReportCommand.Create(context),
            ProfileCommand.Create(context),
            TraceCommand.Create(context),
            ExecutionsCommand.Create(context),
            WatchCommand.Create(context),
            DoctorCommand.Create(context),
            ContractCommand.Create(context),
            ResetCommand.Create(context),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) console.MarkupLine($"[red]usage:[/] {Markup.Escape(error.Message)}");
            console.MarkupLine("run [bold]healthdw --help[/] for the commands and their options");
            return ExitCodes.UsageOrConfig;
        }

        try
        {
            // Help goes where the rest of the output goes (the console given, which tests capture).
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = console.Profile.Out.Writer });
        }
        catch (ConfigException e)
        {
            console.MarkupLine($"[red]configuration error:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.UsageOrConfig;
        }
        catch (Exception e) when (e is UsageException or WarehouseSetupException or FileNotFoundException or HealthDw.Warehouse.DuckDb.DuckDbBusyException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.UsageOrConfig;
        }
        catch (WarehouseSqlException e)
        {
            // A model's or a check's SQL that the warehouse refused: a mistake in the configuration, not in the data.
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            console.MarkupLine("  fix the model or check named above, then run it again; the live analytics schema is unchanged");
            return ExitCodes.UsageOrConfig;
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]cancelled[/]: a file being loaded was rolled back whole; drop it again to load it");
            return ExitCodes.Internal;
        }
        catch (Exception e)
        {
            var log = WriteCrashLog(e, settings ?? LocalSettings.FromEnvironment());
            console.MarkupLine($"[red]internal error:[/] {Markup.Escape(e.GetType().Name)}: {Markup.Escape(e.Message)}");
            console.MarkupLine($"  details: {Markup.Escape(log)} — no file was half-loaded; drop it again once fixed");
            return ExitCodes.Internal;
        }
    }

    private static string WriteCrashLog(Exception e, LocalSettings settings)
    {
        var folder = Path.Combine(settings.Home, "logs");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"error-{DateTime.UtcNow:yyyyMMddTHHmmss}.log");
        File.WriteAllText(path, e.ToString());
        return path;
    }
}
