using System.Globalization;
using HealthDw.Core.Configuration;
using HealthDw.Core.Drops;
using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;
using HealthDw.Core.Routing;
using HealthDw.Hosting.Configuration;
using HealthDw.Generator;
using HealthDw.Tests.Support;

namespace HealthDw.Snowflake.Tests.Behaviour;

/// <summary>
/// The shipped configuration end to end on one warehouse: a generated drop is put in the bucket, every file loaded in load
/// order, then the drop published (models built into a build schema, checks, reconciliation, swap). What it reads back is a
/// fingerprint of the analytics schema: every row of every mart and KPI view, as text in one canonical form (numbers
/// rounded to six places, instants in UTC), so two warehouses can be compared cell for cell.
/// </summary>
internal static class PublishScenario
{
    public const string DropId = "20261121T0200";

    public static readonly DateTimeOffset AsOf = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<(PipelineConfig Pipeline, AnalyticsProject Analytics)> Shipped = new(() => ConfigFolder.LoadAll(TestConfig.SmallDrops));

    public static PipelineConfig Pipeline => Shipped.Value.Pipeline;

    public static AnalyticsProject Analytics => Shipped.Value.Analytics;

    public sealed record Result(IReadOnlyList<LoadOutcome> Loads, long GeneratedRows, PublishOutcome Outcome, IReadOnlyDictionary<string, IReadOnlyList<string>> Fingerprint)
    {
        /// <summary>The generator's broken files, written beside the drop but not loaded.</summary>
        public IReadOnlyList<GeneratedFault> Faults { get; init; } = [];
    }

    public static async Task<Result> RunAsync(WarehouseUnderTest under, double scale, CancellationToken ct)
    {
        await under.Warehouse.EnsureSchemaAsync(Pipeline, ct);
        var drop = new ExtractGenerator().Generate(new GeneratorOptions(scale, 7, DropId, 8L << 20, true), new StoreWriter(under.Store));
        var tables = LoadOrder.Tables(Pipeline);
        var loads = new List<LoadOutcome>();
        foreach (var file in drop.Files.OrderBy(f => LoadOrder.Key(Pipeline, tables, f.Name)))
        {
            var head = await under.Store.HeadAsync(StoreWriter.Prefix + file.Name, ct) ?? throw new InvalidOperationException($"{file.Name} was not written");
            loads.Add(await under.Loader.LoadAsync(RoutedFile.Of(head, file.Table, new HealthDw.Core.Pipeline.DropId(DropId), file.Part), Pipeline.Contract(file.Table), null, ct));
        }

        // The manifest's control totals, so that each warehouse runs reconciliations.yml's drop-side queries too.
        var manifestKey = $"{StoreWriter.Prefix}_manifest_{DropId}.json";
        var manifestHead = await under.Store.HeadAsync(manifestKey, ct) ?? throw new InvalidOperationException($"{manifestKey} was not written");
        var manifest = ManifestReader.Read(manifestKey, await under.Store.ReadPrefixAsync(manifestHead, (int)manifestHead.Size, ct));
        var state = new DropState(DropId, true, false, true, loads.Count, loads.Sum(l => l.Rows), [], [], ControlTotals: manifest.ControlTotals);
        var outcome = await new DropPublisher(Analytics, under.Sql, under.Dialect, under.AsyncStatements, under.CheckHistory, new FixedClock(AsOf))
            .PublishAsync(DropId, AsOf, state, null, ct);
        return new Result(loads, drop.Files.Sum(f => f.Rows), outcome, await FingerprintAsync(under.Sql, ct)) { Faults = drop.Faults };
    }

    /// <summary>Loads each broken file as a file of the drop (after <see cref="RunAsync"/>, so references can be checked).</summary>
    /// <returns>One line per fault: its name, the load's status and its problems' rules and positions.</returns>
    public static async Task<IReadOnlyList<string>> LoadFaultsAsync(WarehouseUnderTest under, IReadOnlyList<GeneratedFault> faults, CancellationToken ct)
    {
        var lines = new List<string>();
        foreach (var fault in faults.OrderBy(f => f.Fault, StringComparer.Ordinal))
        {
            var head = await under.Store.HeadAsync(StoreWriter.Prefix + fault.RelativePath, ct)
                       ?? throw new InvalidOperationException($"{fault.RelativePath} was not written");
            var outcome = await under.Loader.LoadAsync(RoutedFile.Of(head, fault.Table, new HealthDw.Core.Pipeline.DropId(DropId), null), Pipeline.Contract(fault.Table), null, ct);
            lines.Add($"{fault.Fault}: {outcome.Status} " + string.Join("; ", outcome.Problems.Select(p => $"{p.Rule} line {p.Line} column {p.Column}")));
        }

        return lines;
    }

    public const string CorrectionDropId = "20261121T1900";

    /// <summary>
    /// The vendor's correction, after <see cref="RunAsync"/>: a second drop re-sends five claims of the first as denied. Its
    /// load defers the appointment reference (the drop has no appointment file) and its publish merges fact_claim
    /// incrementally (the live table cloned, then the changed claims merged into it).
    /// </summary>
    public static async Task<Result> CorrectAsync(WarehouseUnderTest under, CancellationToken ct)
    {
        var first = (await under.Warehouse.DropLoadsAsync(DropId, ct)).First(e => e.Table == "billing_claim");
        string[] lines;
        var version = await under.Store.HeadAsync(first.Key, ct) ?? throw new FileNotFoundException(first.Key);
        await using (var content = await under.Store.OpenReadAsync(version, ct))
        using (var reader = new StreamReader(content))
            lines = (await reader.ReadToEndAsync(ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // STATUS, SUBMITTED_AT and UPDATE_AT are the last three fields, and none of them is ever quoted.
        var denied = lines.Skip(1).Take(5).Select(line =>
        {
            var cut = line.Length;
            for (var i = 0; i < 3; i++)
                cut = line.LastIndexOf(',', cut - 1);
            var submitted = line.Split(',')[^2];
            return $"{line[..cut]},denied,{submitted},2026-11-21 18:00:00";
        });
        var key = $"raw_files/billing_claim_{CorrectionDropId}.csv";
        await using (var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", [lines[0], .. denied, ""]))))
            await under.Store.PutAsync(key, body, ct);
        var head = await under.Store.HeadAsync(key, ct) ?? throw new InvalidOperationException($"{key} was not written");
        var load = await under.Loader.LoadAsync(RoutedFile.Of(head, "billing_claim", new HealthDw.Core.Pipeline.DropId(CorrectionDropId), null), Pipeline.Contract("billing_claim"), null, ct);
        var asOf = AsOf.AddHours(13);
        var outcome = await new DropPublisher(Analytics, under.Sql, under.Dialect, under.AsyncStatements, under.CheckHistory, new FixedClock(asOf))
            .PublishAsync(CorrectionDropId, asOf, null, null, ct);
        return new Result([load], 5, outcome, await FingerprintAsync(under.Sql, ct));
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> FingerprintAsync(ISqlRunner sql, CancellationToken ct)
    {
        var fingerprint = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var model in Analytics.Models.Models.Keys.Order(StringComparer.Ordinal))
        {
            if (model.StartsWith("kpi_", StringComparison.Ordinal) || model.StartsWith("dim_", StringComparison.Ordinal)
                || model.StartsWith("fact_", StringComparison.Ordinal))
            {
                var rows = await sql.QueryAsync($"select * from analytics.{model}", ct);
                fingerprint[model] = rows.Select(r => string.Join(" | ", r.Select(Canonical))).Order(StringComparer.Ordinal).ToList();
            }
        }

        return fingerprint;
    }

    /// <summary>One text for a value whichever CLR type a warehouse answered it as.</summary>
    public static string Canonical(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
        double d => Math.Round((decimal)d, 6).ToString("0.######", CultureInfo.InvariantCulture),
        float f => Math.Round((decimal)f, 6).ToString("0.######", CultureInfo.InvariantCulture),
        IConvertible c => Math.Round(c.ToDecimal(CultureInfo.InvariantCulture), 6).ToString("0.######", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The generator's files as objects under <c>raw_files/</c>, written through the store.</summary>
    private sealed class StoreWriter(IObjectStore store) : IDropWriter
    {
        public const string Prefix = "raw_files/";

        public Stream Create(string relativePath) => new PutOnDispose(store, Prefix + relativePath);
    }

    private sealed class PutOnDispose(IObjectStore store, string key) : MemoryStream
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing && CanRead)
            {
                Position = 0;
                store.PutAsync(key, this, CancellationToken.None).GetAwaiter().GetResult();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : IClock
    {
        public DateTimeOffset Now => now;

        public Guid NewId() => Guid.CreateVersion7();
    }
}
