using System.CommandLine;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Inference;
using HealthDw.Core.Routing;
using HealthDw.Hosting.Configuration;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary><c>healthdw contract infer FILE</c>: a contract YAML that loads the file, inferred from the whole file.</summary>
public static class ContractCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var file = new Argument<string>("FILE") { Description = "a data file: .csv, or .csv.gz, .csv.br, .csv.deflate, .csv.raw_deflate" };
        var table = new Option<string>("--table") { Description = "the staging table (default: from the file name, by routes.yml or <table>_<yyyyMMddTHHmm>.csv)" };
        var output = new Option<string>("--out") { Description = "write the contract to this file instead of the screen" };
        var force = new Option<bool>("--force") { Description = "with --out, overwrite an existing file" };
        var infer = new Command("infer", "Write a contract that loads FILE: each column's narrowest type, nullability, a primary key, "
            + "suggested references; the evidence as comments, never a cell value") { file, table, output, force };
        infer.SetAction((parse, ct) =>
        {
            var ctx = context();
            return Task.FromResult(Infer(ctx, parse.GetValue(file)!, parse.GetValue(table), parse.GetValue(output), parse.GetValue(force), ct));
        });
        return new Command("contract", "Staging contracts: infer one from a file") { infer };
    }

    private static int Infer(CliContext ctx, string path, string? table, string? output, bool force, CancellationToken ct)
    {
        if (!File.Exists(path)) throw new UsageException($"{path}: no such file");
        var name = Path.GetFileName(path);
        if (CompressedFile.Unreadable(name) is { } unreadable) throw new UsageException(unreadable);
        if (table is not null && !InferredTableName.IsValid(table))
            throw new UsageException($"--table '{table}' is not a table name: lower case letters, digits and underscores, starting with a letter");
        if (output is not null && File.Exists(output) && !force)
            throw new UsageException($"{output} already exists: pass --force to overwrite it, or choose another --out");

        var notes = new List<string>();
        PipelineConfig? config = null;
        try
        {
            config = ConfigFolder.Load(ctx.Settings.ConfigFolder);
        }
        catch (ConfigException e)
        {
            // A new extract may come before its configuration folder does: the contract is still written, without references.
            notes.Add($"no references suggested: the configuration could not be read ({e.Problem})");
        }

        var (tableName, source) = TableOf(name, table, config);
        if (!InferredTableName.IsValid(tableName))
            throw new UsageException($"cannot tell the table from the file name {name}: pass --table");
        var options = new ContractInferenceOptions(tableName, name, source, config?.Contracts.Values.ToList() ?? [], notes);

        InferredContract inferred;
        try
        {
            using var stored = File.OpenRead(path);
            using var text = CompressedFile.Open(stored, CompressedFile.Of(name));
            inferred = ContractInference.Infer(text, options, ct);
        }
        catch (ContractInferenceException e)
        {
            ctx.Console.MarkupLine($"[red]error:[/] {Markup.Escape(path)}: {Markup.Escape(e.Problem.ToString())}"
                + (e.Problem.Hint is null ? "" : $" ({Markup.Escape(e.Problem.Hint)})"));
            return ExitCodes.Rejected;
        }

        if (output is null)
        {
            // Written as it is: the console's own line wrapping would break the YAML.
            ctx.Console.Profile.Out.Writer.Write(inferred.Yaml);
            ctx.Console.Profile.Out.Writer.Flush();
            return ExitCodes.Ok;
        }

        File.WriteAllText(output, inferred.Yaml);
        ctx.Console.MarkupLine($"wrote the contract for {Markup.Escape(tableName)} ({inferred.Contract.Columns.Count} columns, "
            + $"{inferred.Rows:N0} rows read) to {Markup.Escape(output)}");
        ctx.Console.MarkupLine("  next: review its comments, move it under contracts/ and add a route for the table in routes.yml");
        return ExitCodes.Ok;
    }

    /// <summary>--table; else the route the file's name matches; else the name's part before its drop timestamp.</summary>
    private static (string Table, string Source) TableOf(string name, string? table, PipelineConfig? config)
    {
        if (table is not null) return (table, "from --table");
        if (config?.Routes.Resolve(name) is { Kind: RouteKind.Routed, Table: { } routed })
            return (routed, $"routes.yml routes {name} here");
        return (InferredTableName.FromFileName(name), "from the file name; no route in routes.yml matches it yet");
    }
}
