using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HealthDw.Cli.Bench;
using HealthDw.Cli.Local;
using HealthDw.Hosting.Configuration;
using HealthDw.Core.Loading;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;
using HealthDw.Generator;
using HealthDw.Functions.Runtime;
using HealthDw.Hosting;
using Npgsql;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary>
/// <c>healthdw bench</c>: the Load step against <c>psql \copy</c> on the same file and server.
/// Runs in a throwaway database of the local server, so the warehouse is left as it was.
/// </summary>
public static class BenchCommand
{
    internal const string Table = "chart_appointment";
    private const string BenchDatabase = "healthdw_bench";

    public static Command Create(Func<CliContext> context)
    {
        var rows = new Option<string>("--rows") { Description = "comma-separated file sizes in rows", DefaultValueFactory = _ => "1000000,2000000" };
        var coldStart = new Option<bool>("--cold-start") { Description = "instead: cold start of the Lambda package (Native AOT vs ReadyToRun) over a Runtime API stub" };
        var runs = new Option<int>("--runs") { Description = "starts per variant for --cold-start", DefaultValueFactory = _ => 20 };
        var command = new Command("bench", "Measure the Load step (validate every cell + binary COPY) against psql \\copy, or the Lambda cold start") { rows, coldStart, runs };
        var publish = new Option<bool>("--publish") { Description = "instead: publish time of a first drop at two drop sizes, against their load time" };
        var scales = new Option<string>("--scales") { Description = "comma-separated drop sizes for --publish (1 ≈ 1M rows)", DefaultValueFactory = _ => "0.5,2" };
        command.Options.Add(publish);
        command.Options.Add(scales);
        command.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            if (parse.GetValue(publish))
            {
                await PublishBench.RunAsync(ctx, parse.GetValue(scales)!.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList(), ct);
                return ExitCodes.Ok;
            }

            if (parse.GetValue(coldStart))
            {
                await ColdStartAsync(ctx, parse.GetValue(runs), ct);
                return ExitCodes.Ok;
            }

            var sizes = parse.GetValue(rows)!.Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
            if (ctx.Settings.DuckDbFile is not null)
            {
                await DuckDbLoadBench.RunAsync(ctx, sizes, ct); // the embedded warehouse: against DuckDB's own COPY
                return ExitCodes.Ok;
            }

            await RunAsync(ctx, sizes, ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task RunAsync(CliContext ctx, IReadOnlyList<long> sizes, CancellationToken ct)
    {
        var config = ConfigFolder.Load(ctx.Settings.ConfigFolder);
        var server = ctx.Settings.WarehouseConnection ?? await ctx.Settings.LocalServer.EnsureStartedAsync(ct);
        var connection = await ThrowawayDatabase.CreateAsync(server, BenchDatabase, ct);
        var psql = Path.Combine(LocalPostgresServer.FindBinaries() ?? throw new UsageException("bench needs psql from the PostgreSQL binaries"), "psql");
        var folder = Path.Combine(ctx.Settings.Home, "bench");
        Directory.CreateDirectory(folder);
        var results = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("rows").RightAligned()).AddColumn(new TableColumn("MB").RightAligned())
            .AddColumn(new TableColumn("Load step rows/s").RightAligned()).AddColumn(new TableColumn("psql \\copy rows/s").RightAligned())
            .AddColumn(new TableColumn("ratio").RightAligned()).AddColumn(new TableColumn("Load step peak RSS MB").RightAligned())
            .AddColumn(new TableColumn("check only rows/s").RightAligned());

        await using (var services = await HealthDwHost.BuildAsync(Options(ctx, folder, new PostgresWarehouseOptions(connection)), ct))
        {
            var (store, loader) = (services.Ports.Store, services.Ports.Loader);
            var contract = config.Contract(Table);
            await LoadAsync(store, loader, contract, Write(folder, "warmup.csv", 20_000), ct); // JIT warm-up, not measured
            foreach (var size in sizes)
            {
                var file = Write(folder, $"{Table}_{size}.csv", size);
                var bytes = new FileInfo(file).Length;
                var ourTimes = new List<double>();
                var psqlTimes = new List<double>();
                var checkTimes = new List<double>();
                long? peak = 0;
                for (var rep = 0; rep < Repetitions; rep++)
                {
                    await ResetAsync(services.Ports.Sql, ct);
                    ResetPeakMemory();
                    var (loaded, seconds) = await LoadAsync(store, loader, contract, file, ct);
                    if (loaded != size) throw new InvalidOperationException($"bench loaded {loaded} rows of {size}");
                    peak = PeakMemoryMb() is { } p ? Math.Max(p, peak ?? 0) : null;
                    ourTimes.Add(seconds);
                    psqlTimes.Add(await PsqlCopyAsync(psql, connection, contract, file, ct));
                    checkTimes.Add(CheckOnly(contract, file, size, ct));
                }

                var ours = size / Median(ourTimes);
                var theirs = size / Median(psqlTimes);
                results.AddRow(size.ToString("N0", CultureInfo.InvariantCulture), (bytes / 1e6).ToString("N0", CultureInfo.InvariantCulture),
                    ours.ToString("N0", CultureInfo.InvariantCulture), theirs.ToString("N0", CultureInfo.InvariantCulture),
                    (ours / theirs).ToString("0.00", CultureInfo.InvariantCulture), peak?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a",
                    (size / Median(checkTimes)).ToString("N0", CultureInfo.InvariantCulture));
                File.Delete(file);
            }
        }

        ctx.Console.Write(results);
        ctx.Console.MarkupLine($"file: generated {Table} rows ({config.Contract(Table).Columns.Count} columns); both load into the same server, "
            + "each into an empty table of the same columns. The Load step parses and checks every cell, writes row metadata, and checks primary keys before commit.");
        ctx.Console.MarkupLine("check only: the same file read against the contract with nothing written, as the Snowflake Load step does before its COPY.");
        ctx.Console.MarkupLine($"figures are the median of {Repetitions} alternating runs; peak RSS is the whole process's resident memory during the Load step (VmHWM, reset before each run).");
        await ThrowawayDatabase.DropAsync(server, BenchDatabase, ct);
        Directory.Delete(folder, recursive: true);
    }

    internal const int Repetitions = 3;

    /// <returns>Seconds to read the file against the contract, writing nothing (the Snowflake Load step's check).</returns>
    private static double CheckOnly(Core.Configuration.TableContract contract, string file, long size, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var problems = new Core.Validation.ProblemLog();
        using (var stream = File.OpenRead(file))
        {
            var rows = CheckedRows.CheckAll(stream, contract, problems, ct);
            if (rows != size || problems.Any) throw new InvalidOperationException($"bench checked {rows} rows of {size}, {problems.Total} problems");
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task ColdStartAsync(CliContext ctx, int runs, CancellationToken ct)
    {
        var repo = Path.GetFullPath(Path.Combine(ctx.Settings.ConfigFolder, ".."));
        var packages = ColdStartBench.Packages(repo);
        var server = ctx.Settings.WarehouseConnection ?? await ctx.Settings.LocalServer.EnsureStartedAsync(ct);
        var connection = await ThrowawayDatabase.CreateAsync(server, BenchDatabase, ct);
        var environment = new Dictionary<string, string>
        {
            ["_HANDLER"] = "route-file", ["HEALTHDW_BUCKET"] = "healthdw-bench", ["HEALTHDW_WAREHOUSE"] = connection,
            ["HEALTHDW_S3_ENDPOINT"] = "http://127.0.0.1:9", ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "bench", ["AWS_SECRET_ACCESS_KEY"] = "bench", ["AWS_SESSION_TOKEN"] = "bench",
        };
        var results = await ColdStartBench.MeasureAllAsync(packages, environment, runs, ct);
        var table = new Table().Border(TableBorder.Rounded).Title($"cold start: process start → first response on the Runtime API ({runs} starts each, alternating)")
            .AddColumn("package").AddColumn(new TableColumn("median ms").RightAligned()).AddColumn(new TableColumn("p90 ms").RightAligned())
            .AddColumn(new TableColumn("min ms").RightAligned()).AddColumn(new TableColumn("folder MB").RightAligned())
            .AddColumn(new TableColumn("zip MB").RightAligned());
        foreach (var (package, r) in packages.Zip(results))
            table.AddRow(package.Name, ColdStartBench.Format(r.Median), ColdStartBench.Format(r.P90), ColdStartBench.Format(r.Milliseconds.Min()),
                ColdStartBench.Megabytes(package.FolderBytes), ColdStartBench.Megabytes(package.ZipBytes));
        ctx.Console.Write(table);
        ctx.Console.MarkupLine("init reads and parses the packaged configuration (routes, contracts, models, checks) and builds the clients; the route-file step itself does no I/O.");
        await ThrowawayDatabase.DropAsync(server, BenchDatabase, ct);
    }

    internal static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>Empties the bench database's staging table and ledger, so each repetition loads the file anew.</summary>
    private static Task ResetAsync(ISqlRunner sql, CancellationToken ct) =>
        sql.ExecuteAsync([$"truncate staging.{Table}, audit.load_ledger", "checkpoint"], atomic: false, ct);

    /// <summary>The bench's pipeline: its own folder as the bucket, the warehouse given, the schemas created, no notifications
    /// (no secret is looked up).</summary>
    internal static HealthDwOptions Options(CliContext ctx, string folder, WarehouseOptions warehouse) => new(
        ctx.Settings.ConfigFolder, new FolderStoreOptions(folder, "bench"), warehouse, new NotifierOptions(OutboxFolder: null, SlackSecretId: null),
        new SecretsOptions(SecretsSource.Environment, new ProcessEnvironmentVariables())) { EnsureSchema = true };

    internal static string Write(string folder, string name, long rows)
    {
        var path = Path.Combine(folder, name);
        using var output = File.Create(path);
        new ExtractGenerator().WriteTable(Table, rows, 42, DemoCommand.DemoDrop, output);
        return path;
    }

    internal static async Task<(long Rows, double Seconds)> LoadAsync(IObjectStore store, IFileLoader loader,
        HealthDw.Core.Configuration.TableContract contract, string file, CancellationToken ct)
    {
        var head = await store.HeadAsync(Path.GetFileName(file), ct);
        var started = Stopwatch.GetTimestamp();
        var outcome = await loader.LoadAsync(RoutedFile.Of(head!, contract.Table, new DropId(DemoCommand.DemoDrop), null), contract, null, ct);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (outcome.Status != LoadStatus.Loaded)
            throw new InvalidOperationException($"bench load was {outcome.Status}: {outcome.Problems.FirstOrDefault()}");
        return (outcome.Rows, seconds);
    }

    private static async Task<double> PsqlCopyAsync(string psql, string connection, HealthDw.Core.Configuration.TableContract contract,
        string file, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var columns = string.Join(", ", contract.Columns.Select(c => $"{c.Name.ToLowerInvariant()} {c.Type.ToSql()}"));
        await using (var source = NpgsqlDataSource.Create(connection))
        {
            await using var create = source.CreateCommand($"drop table if exists public.psql_copy; create table public.psql_copy ({columns})");
            await create.ExecuteNonQueryAsync(ct);
        }

        var info = new ProcessStartInfo(psql) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture),
                     "-U", builder.Username!, "-d", builder.Database!, "-c", $"\\copy public.psql_copy from '{file}' with (format csv, header true)" })
            info.ArgumentList.Add(arg);
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (process.ExitCode != 0) throw new InvalidOperationException($"psql \\copy failed: {await error}");
        return seconds;
    }

    /// <summary>Linux: writing 5 to clear_refs resets the peak resident set (VmHWM).</summary>
    internal static void ResetPeakMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // Not Linux, or not allowed: the peak then covers the whole run so far.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    internal static long? PeakMemoryMb()
    {
        if (!File.Exists("/proc/self/status")) return null;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
