using System.CommandLine;
using System.Globalization;
using HealthDw.Cli.Local;
using HealthDw.Cli.Progress;
using HealthDw.Generator;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary><c>healthdw generate</c>: write one synthetic EMR drop (and, with --faults, broken variants).</summary>
public static class GenerateCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var scale = new Option<double>("--scale") { Description = "1 ≈ 10,000 patients and ~1M rows in all", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<int>("--seed") { Description = "same seed, same bytes", DefaultValueFactory = _ => 42 };
        var drop = new Option<string>("--drop") { Description = "the drop's timestamp, yyyyMMddTHHmm", DefaultValueFactory = _ => DemoCommand.DemoDrop };
        var output = new Option<string>("--out") { Description = "folder to write the drop into", Required = true };
        var faults = new Option<bool>("--faults") { Description = "also write one broken file per failure mode under faults/" };
        var partMb = new Option<int>("--part-mb") { Description = "split a table's file into parts above this size", DefaultValueFactory = _ => 64 };
        var gzip = new Option<bool>("--gzip") { Description = "write the tables' files gzip-compressed (.csv.gz), as large extracts usually arrive (the same as --compress gzip)" };
        var compress = new Option<string>("--compress")
        {
            Description = "write the tables' files compressed: gzip (.csv.gz), brotli (.csv.br), deflate (.csv.deflate, zlib) or raw_deflate (.csv.raw_deflate)",
        };
        compress.AcceptOnlyFromAmong("none", "gzip", "brotli", "deflate", "raw_deflate");
        var command = new Command("generate", "Write a synthetic EMR extract (one drop) to a folder") { scale, seed, drop, output, faults, partMb, gzip, compress };
        command.SetAction(parse =>
        {
            var ctx = context();
            var dropId = parse.GetValue(drop)!;
            if (!DateTime.TryParseExact(dropId, "yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                throw new UsageException($"--drop '{dropId}' is not a drop id: expected yyyyMMddTHHmm, e.g. 20261121T0200");
            if (parse.GetValue(scale) is var s && s is <= 0 or > 100)
                throw new UsageException("--scale must be above 0 and at most 100");
            var folder = parse.GetValue(output)!;
            var compression = parse.GetValue(compress) switch
            {
                "gzip" => ExtractCompression.Gzip,
                "brotli" => ExtractCompression.Brotli,
                "deflate" => ExtractCompression.Deflate,
                "raw_deflate" => ExtractCompression.RawDeflate,
                "none" => ExtractCompression.None,
                _ => parse.GetValue(gzip) ? ExtractCompression.Gzip : ExtractCompression.None,
            };
            if (parse.GetValue(gzip) && compression != ExtractCompression.Gzip)
                throw new UsageException($"--gzip and --compress {parse.GetValue(compress)} disagree: give one of them");
            var result = Generate(folder, new GeneratorOptions(s, parse.GetValue(seed), dropId, parse.GetValue(partMb) * 1024L * 1024L, parse.GetValue(faults),
                compression), new GenerationDisplay(ctx.Console, ctx.Interactive));
            ctx.Console.MarkupLine($"wrote drop {dropId}: {result.Files.Count} files, {result.Files.Sum(f => f.Rows):N0} rows, {result.Faults.Count} fault files, to {Markup.Escape(Path.GetFullPath(folder))}");
            foreach (var fault in result.Faults)
                ctx.Console.MarkupLine($"  fault [yellow]{Markup.Escape(fault.Fault)}[/]: {Markup.Escape(fault.RelativePath)} — {Markup.Escape(fault.Description)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <param name="display">Shows each file as it is written; none writes silently.</param>
    public static GeneratedDrop Generate(string folder, GeneratorOptions options, GenerationDisplay? display = null)
    {
        Directory.CreateDirectory(folder);
        var writer = new FolderDropWriter(folder);
        return display is null
            ? new ExtractGenerator().Generate(options, writer)
            : display.Show(writer, w => new ExtractGenerator().Generate(options, w));
    }
}
