using System.Diagnostics;
using System.Globalization;
using HealthDw.Cli.Commands;
using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Functions.Configuration;
using HealthDw.Storage;
using HealthDw.Warehouse.DuckDb;
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
        var store = new FolderObjectStore(folder, "bench");
        var contract = config.Contract(BenchCommand.Table);
        var results = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("rows").RightAligned()).AddColumn(new TableColumn("MB").RightAligned())
            .AddColumn(new TableColumn("Load step rows/s").RightAligned()).AddColumn(new TableColumn("DuckDB COPY rows/s").RightAligned())
            .AddColumn(new TableColumn("ratio").RightAligned()).AddColumn(new TableColumn("Load step peak RSS MB").RightAligned());
        var database = DuckDbDatabase.Open(Path.Combine(folder, "bench.duckdb"));
        await using (var warehouse = new DuckDbWarehouse(database))
        {
            await warehouse.EnsureSchemaAsync(config, ct);
            var sql = new DuckDbSqlRunner(database);
            var columns = string.Join(", ", contract.Columns.Select(c => $"{c.Name.ToLowerInvariant()} {c.Type.ToSql()}"));
            var loader = new StagingLoader(warehouse, store, new SystemClock());
            await BenchCommand.LoadAsync(store, loader, contract, BenchCommand.Write(folder, "warmup.csv", 20_000), ct); // JIT warm-up
            foreach (var size in sizes)
            {
                var file = BenchCommand.Write(folder, $"{BenchCommand.Table}_{size}.csv", size);
                var ours = new List<double>();
                var theirs = new List<double>();
                long? peak = 0;
                for (var rep = 0; rep < BenchCommand.Repetitions; rep++)
                {
                    await sql.ExecuteAsync([$"delete from staging.{BenchCommand.Table}", "delete from audit.load_ledger", "checkpoint"], atomic: false, ct);
                    BenchCommand.ResetPeakMemory();
                    var (loaded, seconds) = await BenchCommand.LoadAsync(store, loader, contract, file, ct);
                    if (loaded != size) throw new InvalidOperationException($"bench loaded {loaded} rows of {size}");
                    peak = BenchCommand.PeakMemoryMb() is { } p ? Math.Max(p, peak ?? 0) : null;
                    ours.Add(seconds);
                    theirs.Add(await CopyAsync(sql, columns, file, size, ct));
                }

                var ourRate = size / BenchCommand.Median(ours);
                var theirRate = size / BenchCommand.Median(theirs);
                results.AddRow(size.ToString("N0", CultureInfo.InvariantCulture), (new FileInfo(file).Length / 1e6).ToString("N0", CultureInfo.InvariantCulture),
                    ourRate.ToString("N0", CultureInfo.InvariantCulture), theirRate.ToString("N0", CultureInfo.InvariantCulture),
                    (ourRate / theirRate).ToString("0.00", CultureInfo.InvariantCulture), peak?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a");
                File.Delete(file);
            }
        }

        ctx.Console.Write(results);
        ctx.Console.MarkupLine($"file: generated {BenchCommand.Table} rows ({contract.Columns.Count} columns), loaded into one DuckDB file in this process. "
            + "The Load step parses and checks every cell, appends the rows, writes row metadata and the ledger row, and checks primary keys before commit; "
            + "DuckDB's COPY parses the CSV itself into an empty table of the same columns, with no checks of its own.");
        ctx.Console.MarkupLine($"figures are the median of {BenchCommand.Repetitions} alternating runs; peak RSS is the whole process's resident memory "
            + "during the Load step (VmHWM, reset before each run), DuckDB's buffer pool included.");
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
