using System.Diagnostics;
using System.Globalization;
using HealthDw.Cli.Commands;
using HealthDw.Core.Ports;
using HealthDw.Hosting.Configuration;
using HealthDw.Hosting;
using HealthDw.Hosting.DuckDb;
using Spectre.Console;

namespace HealthDw.Cli.Bench;

/// <summary>
/// <c>healthdw bench</c> on the embedded warehouse: the Load step (every cell checked, the Appender, the ledger row, the key
/// check, one transaction) against DuckDB's own <c>COPY … FROM</c> of the same file into an empty table of the same columns,
/// in one process and one run. Runs in a throwaway database file beside the warehouse, which is left as it was.
/// </summary>
public static class DuckDbLoadBench
{
    public static async Task RunAsync(CliContext ctx, IReadOnlyList<long> sizes, CancellationToken ct)
    {
        var config = ConfigFolder.Load(ctx.Settings.ConfigFolder);
        var folder = Path.Combine(ctx.Settings.Home, "bench-duckdb");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var contract = config.Contract(BenchCommand.Table);
        var results = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("rows").RightAligned()).AddColumn(new TableColumn("MB").RightAligned())
            .AddColumn(new TableColumn("Load step rows/s").RightAligned()).AddColumn(new TableColumn("DuckDB COPY rows/s").RightAligned())
            .AddColumn(new TableColumn("ratio").RightAligned()).AddColumn(new TableColumn("Load step peak RSS MB").RightAligned())
            .AddColumn(new TableColumn("growth during the Load step MB").RightAligned());
        await using (var services = await HealthDwHost.BuildAsync(BenchCommand.Options(ctx, folder, new DuckDbWarehouseOptions(Path.Combine(folder, "bench.duckdb"))), ct))
        {
            var (store, sql, loader) = (services.Ports.Store, services.Ports.Sql, services.Ports.Loader);
            var columns = string.Join(", ", contract.Columns.Select(c => $"{c.Name.ToLowerInvariant()} {c.Type.ToSql()}"));
            await BenchCommand.LoadAsync(store, loader, contract, BenchCommand.Write(folder, "warmup.csv", 20_000), ct); // JIT warm-up
            foreach (var size in sizes)
            {
                var file = BenchCommand.Write(folder, $"{BenchCommand.Table}_{size}.csv", size);
                var ours = new List<double>();
                var theirs = new List<double>();
                long? peak = 0;
                long? growth = 0;
                for (var rep = 0; rep < BenchCommand.Repetitions; rep++)
                {
                    await sql.ExecuteAsync([$"delete from staging.{BenchCommand.Table}", "delete from audit.load_ledger", "checkpoint"], atomic: false, ct);
                    BenchCommand.ResetPeakMemory();
                    var before = BenchCommand.PeakMemoryMb();
                    var (loaded, seconds) = await BenchCommand.LoadAsync(store, loader, contract, file, ct);
                    if (loaded != size) throw new InvalidOperationException($"bench loaded {loaded} rows of {size}");
                    var after = BenchCommand.PeakMemoryMb();
                    peak = after is { } p ? Math.Max(p, peak ?? 0) : null;
                    growth = after is { } end && before is { } start ? Math.Max(end - start, growth ?? 0) : null;
                    ours.Add(seconds);
                    theirs.Add(await CopyAsync(sql, columns, file, size, ct));
                }

                var ourRate = size / BenchCommand.Median(ours);
                var theirRate = size / BenchCommand.Median(theirs);
                results.AddRow(size.ToString("N0", CultureInfo.InvariantCulture), (new FileInfo(file).Length / 1e6).ToString("N0", CultureInfo.InvariantCulture),
                    ourRate.ToString("N0", CultureInfo.InvariantCulture), theirRate.ToString("N0", CultureInfo.InvariantCulture),
                    (ourRate / theirRate).ToString("0.00", CultureInfo.InvariantCulture), peak?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a",
                    growth?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a");
                File.Delete(file);
            }
        }

        ctx.Console.Write(results);
        ctx.Console.MarkupLine($"file: generated {BenchCommand.Table} rows ({contract.Columns.Count} columns), loaded into one DuckDB file in this process. "
            + "The Load step parses and checks every cell, appends the rows, writes row metadata and the ledger row, and checks primary keys before commit; "
            + "DuckDB's COPY parses the CSV itself into an empty table of the same columns, with no checks of its own.");
        ctx.Console.MarkupLine($"figures are the median of {BenchCommand.Repetitions} alternating runs; peak RSS is the whole process's resident memory "
            + "during the Load step (VmHWM, reset before each run), DuckDB's buffer pool included; growth is that peak less the resident memory "
            + "the run started with (the most of any run).");
        Directory.Delete(folder, recursive: true);
    }

    /// <returns>Seconds for DuckDB's own COPY of the file into an empty table of the contract's columns.</returns>
    private static async Task<double> CopyAsync(ISqlRunner sql, string columns, string file, long size, CancellationToken ct)
    {
        await sql.ExecuteAsync(["drop table if exists main.duckdb_copy", $"create table main.duckdb_copy ({columns})"], atomic: false, ct);
        var started = Stopwatch.GetTimestamp();
        await sql.ExecuteAsync([$"copy main.duckdb_copy from '{file.Replace("'", "''", StringComparison.Ordinal)}' (format csv, header true)"], atomic: false, ct);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var copied = Convert.ToInt64((await sql.QueryAsync("select count(*) from main.duckdb_copy", ct))[0][0], CultureInfo.InvariantCulture);
        if (copied != size) throw new InvalidOperationException($"DuckDB's COPY loaded {copied} rows of {size}");
        await sql.ExecuteAsync(["drop table main.duckdb_copy", "checkpoint"], atomic: false, ct);
        return seconds;
    }
}
