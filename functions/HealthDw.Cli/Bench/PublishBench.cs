using System.Diagnostics;
using System.Globalization;
using HealthDw.Cli.Commands;
using HealthDw.Cli.Local;
using HealthDw.Core.Drops;
using HealthDw.Core.Loading;
using HealthDw.Core.Models;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Publishing;
using HealthDw.Core.Routing;
using HealthDw.Generator;
using Npgsql;
using Spectre.Console;

namespace HealthDw.Cli.Bench;

/// <summary>
/// <c>healthdw bench --publish</c>: how the publish grows with the drop. Each size is generated, loaded (the Load step,
/// file by file) into an empty throwaway database, and published once, as a first drop is; the publish is timed against
/// the load of the same drop. On DuckDB (the default warehouse) the throwaway database is a file in the bench's own folder;
/// on PostgreSQL, a database of the server. The warehouse and state of the caller are left as they were.
/// </summary>
public static class PublishBench
{
    public const string BenchDatabase = "healthdw_bench_publish";

    /// <summary>The shipped goals: 4× the rows in at most 4.4× the time (1.1× linear), and at the larger size at most 1.5× the load.</summary>
    public const double LinearSlack = 1.1;

    public const double LoadRatioGoal = 1.5;

    /// <param name="Models">The slowest models of the publish, with their build time.</param>
    public sealed record Size(double Scale, long Rows, int Files, TimeSpan Load, TimeSpan Publish, IReadOnlyList<ModelRun> Models);

    public static async Task<IReadOnlyList<Size>> RunAsync(CliContext ctx, IReadOnlyList<double> scales, CancellationToken ct)
    {
        var server = ctx.Settings.DuckDbFile is not null ? null
            : ctx.Settings.WarehouseConnection ?? await ctx.Settings.LocalServer.EnsureStartedAsync(ct);
        var home = Path.Combine(ctx.Settings.Home, "bench-publish");
        var sizes = new List<Size>();
        try
        {
            // The loader's first files run on code the JIT has not optimised yet: a small drop loaded first, not measured,
            // keeps that out of the first size's load time.
            await MeasureAsync(ctx, server, home, WarmUpScale, publish: false, ct);
            foreach (var scale in scales)
                sizes.Add(await MeasureAsync(ctx, server, home, scale, publish: true, ct));
        }
        finally
        {
            if (server is not null) await ThrowawayDatabase.DropAsync(server, BenchDatabase, CancellationToken.None);
            if (Directory.Exists(home)) Directory.Delete(home, recursive: true);
        }

        Render(ctx.Console, sizes);
        return sizes;
    }

    private const double WarmUpScale = 0.02;

    /// <param name="server">The PostgreSQL server, or null for a DuckDB file in <paramref name="home"/>.</param>
    private static async Task<Size> MeasureAsync(CliContext ctx, string? server, string home, double scale, bool publish, CancellationToken ct)
    {
        var name = publish ? $"scale {scale.ToString(CultureInfo.InvariantCulture)}" : "warm-up (not measured)";
        void Say(string line) => ctx.Console.MarkupLine($"[grey]{name}: {Markup.Escape(line)}[/]");

        if (Directory.Exists(home)) Directory.Delete(home, recursive: true);
        var dropId = DemoCommand.DemoDrop;
        var folder = Path.Combine(home, "drop");
        Say("generating the drop");
        var generated = GenerateCommand.Generate(folder, new GeneratorOptions(scale, 42, dropId));
        var rows = generated.Files.Sum(f => f.Rows);
        var bucket = Path.Combine(home, "bucket");
        LocalSettings settings;
        if (server is null)
        {
            settings = new LocalSettings(home, ctx.Settings.ConfigFolder, bucket, null) { DuckDbFile = Path.Combine(home, "warehouse.duckdb") };
            Say($"{generated.Files.Count} files, {rows:N0} rows; a fresh DuckDB file {settings.DuckDbFile}");
        }
        else
        {
            Say($"{generated.Files.Count} files, {rows:N0} rows; a fresh database {BenchDatabase}");
            settings = new LocalSettings(home, ctx.Settings.ConfigFolder, bucket, await ThrowawayDatabase.CreateAsync(server, BenchDatabase, ct));
        }

        await using var pipeline = await LocalPipeline.OpenAsync(settings, ct, secrets: new NoSecrets());
        var loader = pipeline.Loader;
        var tables = LoadOrder.Tables(pipeline.Config);
        var load = TimeSpan.Zero;
        foreach (var file in generated.Files.OrderBy(f => LoadOrder.Key(pipeline.Config, tables, f.Name)))
        {
            Say($"loading {file.Name} ({file.Rows:N0} rows)");
            await using (var source = File.OpenRead(Path.Combine(folder, file.Name)))
            {
                var version = await pipeline.Store.PutVersionAsync(BucketLayout.RawKey(file.Name), source, ct);
                var started = Stopwatch.GetTimestamp();
                var outcome = await loader.LoadAsync(RoutedFile.Of(version, file.Table, new DropId(dropId), file.Part), pipeline.Config.Contract(file.Table), null, ct);
                load += Stopwatch.GetElapsedTime(started);
                if (outcome.Status != LoadStatus.Loaded)
                    throw new InvalidOperationException($"bench: {file.Name} was {outcome.Status}: {outcome.Problems.FirstOrDefault()}");
            }
        }

        if (!publish) return new Size(scale, rows, generated.Files.Count, load, TimeSpan.Zero, []);
        Say($"loaded in {Seconds(load)}; publishing");
        var asOf = new DropId(dropId).Time!.Value;
        var publishStarted = Stopwatch.GetTimestamp();
        var published = await pipeline.Publisher.PublishAsync(dropId, asOf, null,
            new Lines(line => Say($"{Seconds(Stopwatch.GetElapsedTime(publishStarted))}: {line}")), ct);
        var elapsed = Stopwatch.GetElapsedTime(publishStarted);
        if (!published.Published)
        {
            throw new UsageException($"bench: the publish at scale {scale.ToString(CultureInfo.InvariantCulture)} was blocked "
                + $"({string.Join("; ", published.Blockers.Take(3))}); the shipped checks need a drop of scale 0.5 or more");
        }

        Say($"published in {Seconds(elapsed)}");
        return new Size(scale, rows, generated.Files.Count, load, elapsed, published.Models.OrderByDescending(m => m.Elapsed).Take(3).ToList());
    }

    private static void Render(IAnsiConsole console, IReadOnlyList<Size> sizes)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("publish of a first drop, by drop size")
            .AddColumn(new TableColumn("scale").RightAligned()).AddColumn(new TableColumn("rows").RightAligned())
            .AddColumn(new TableColumn("load s").RightAligned()).AddColumn(new TableColumn("publish s").RightAligned())
            .AddColumn(new TableColumn("publish / load").RightAligned()).AddColumn("slowest models");
        foreach (var size in sizes)
        {
            table.AddRow(size.Scale.ToString(CultureInfo.InvariantCulture), size.Rows.ToString("N0", CultureInfo.InvariantCulture),
                Seconds(size.Load), Seconds(size.Publish), Ratio(size.Publish / size.Load),
                Markup.Escape(string.Join(", ", size.Models.Select(m => $"{m.Model} {Seconds(m.Elapsed)}"))));
        }

        console.Write(table);
        if (sizes.Count < 2) return;
        var (first, last) = (sizes[0], sizes[^1]);
        var rows = (double)last.Rows / first.Rows;
        var time = last.Publish / first.Publish;
        console.MarkupLine($"{Ratio(rows)} the rows, {Ratio(time)} the publish time "
            + $"(goal: at most {Ratio(rows * LinearSlack)}; {Verdict(time <= rows * LinearSlack)})");
        console.MarkupLine($"at scale {last.Scale.ToString(CultureInfo.InvariantCulture)} the publish takes {Ratio(last.Publish / last.Load)} "
            + $"the load of the same drop (goal: at most {Ratio(LoadRatioGoal)}; {Verdict(last.Publish / last.Load <= LoadRatioGoal)})");
        console.MarkupLine("load: the Load step of every file (validate each cell, bulk copy or append, ledger), copies into the bucket not counted; "
            + "publish: build every model, run the checks, reconcile, swap in. One run each: on a shared machine the figures are noisy.");
    }

    private static string Verdict(bool met) => met ? "[green]met[/]" : "[red]not met[/]";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Ratio(double r) => r.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    /// <summary>Each step of the publish as it starts, in order (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class Lines(Action<string> say) : IProgress<string>
    {
        public void Report(string value) => say(value);
    }

    /// <summary>The bench sends no notification: no secret is looked up, so no configured webhook is called.</summary>
    private sealed class NoSecrets : HealthDw.Core.Ports.ISecrets
    {
        public Task<string> GetAsync(string secretId, CancellationToken ct) => throw new HealthDw.Core.Ports.SecretNotFoundException(secretId, "bench");
    }
}
