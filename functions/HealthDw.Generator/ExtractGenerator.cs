using System.Collections.Immutable;
using HealthDw.Generator.Csv;
using HealthDw.Generator.Faults;
using HealthDw.Generator.Manifest;
using HealthDw.Generator.Model;
using HealthDw.Generator.Tables;

namespace HealthDw.Generator;

/// <summary>
/// Plays the EMR vendor: writes one drop of CSV extracts (register, chart, billing), its
/// manifest and, on request, deliberately broken variants, all determined by the options alone.
/// </summary>
public sealed class ExtractGenerator
{
    private readonly ImmutableArray<TableSource> _tables = TableSet.Create();
    private readonly Dictionary<string, TableSource> _byName;

    public ExtractGenerator() => _byName = _tables.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Writes every table (split into parts above <see cref="GeneratorOptions.PartBytes"/>), the faults if asked, then the manifest.</summary>
    public GeneratedDrop Generate(GeneratorOptions options, IDropWriter writer)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(writer);
        if (!double.IsFinite(options.Scale) || options.Scale <= 0 || options.Scale > DropPlan.MaxScale)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Scale, $"Scale must be above 0 and at most {DropPlan.MaxScale}.");
        }

        if (options.PartBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PartBytes, "PartBytes must be positive.");
        }

        var model = new DropModel(DropPlan.ForScale(options.Scale), options.Seed, DropClock.Parse(options.DropId));
        var files = new List<GeneratedFile>();
        foreach (var table in _tables)
        {
            var target = new DropPartTarget(writer, table.Name, options.DropId, files, options.Compression);
            using var csv = new CsvTableWriter(target, table.Columns, table.HasBom, options.PartBytes);
            table.Write(model, csv, long.MaxValue);
            csv.Complete();
        }

        IReadOnlyList<GeneratedFault> faults = options.Faults ? new FaultWriter(_byName, model, writer, files).WriteAll() : [];

        using (var manifest = writer.Create(ManifestWriter.FileName(options.DropId)))
        {
            ManifestWriter.Write(manifest, options.DropId, files, ControlTotals.Of(model));
        }

        return new GeneratedDrop(options.DropId, files.AsReadOnly(), faults);
    }

    /// <summary>
    /// One table alone, for benchmarks: writes about <paramref name="rows"/> data rows (plus the
    /// header) of <paramref name="table"/> to <paramref name="output"/>, which stays open.
    /// </summary>
    /// <returns>The number of data rows written.</returns>
    public long WriteTable(string table, long rows, int seed, string dropId, Stream output)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (!_byName.TryGetValue(table, out var source))
        {
            throw new ArgumentException($"Unknown table '{table}'; known: {string.Join(", ", _byName.Keys)}.", nameof(table));
        }

        var model = new DropModel(source.PlanFor(rows), seed, DropClock.Parse(dropId));
        using var csv = new CsvTableWriter(new StreamPartTarget(output), source.Columns, source.HasBom, CsvTableWriter.NoSplit, hash: false);
        var written = source.Write(model, csv, rows);
        csv.Complete();
        return written;
    }
}
