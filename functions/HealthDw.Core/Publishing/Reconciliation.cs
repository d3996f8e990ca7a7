using System.Globalization;
using HealthDw.Core.Configuration;
using HealthDw.Core.Models;
using HealthDw.Core.Ports;
using HealthDw.Core.Sql;

namespace HealthDw.Core.Publishing;

/// <summary>
/// The control totals of <c>reconciliations.yml</c>, checked on every drop before publishing: each measure's
/// staging-side and analytics-side figures must agree within its tolerance, and where the drop's manifest carries the
/// source system's control total for it, the figure over the drop's own rows must agree with that too. The figures are
/// aggregates (counts and sums), never a cell's value, so a mismatch can name them.
/// </summary>
public static class Reconciliation
{
    /// <summary>One measure's figures. <paramref name="Staging"/> or <paramref name="Published"/> is null only with a <paramref name="Problem"/>.</summary>
    /// <param name="ManifestTotal">The manifest's control total, when it carries one for this measure.</param>
    /// <param name="DropFigure">The measure over the drop's own rows, compared with <paramref name="ManifestTotal"/>.</param>
    /// <param name="Problem">Why the measure could not be compared (a query that gave no number, a control total no measure reads).</param>
    public sealed record Line(
        string Measure, decimal? Staging, decimal? Published, ReconciliationTolerance Tolerance,
        decimal? ManifestTotal = null, decimal? DropFigure = null, string? Problem = null)
    {
        public bool Matches => Problem is null && Staging is { } s && Published is { } p && Tolerance.Allows(s, p)
                               && (ManifestTotal is not { } m || (DropFigure is { } d && Tolerance.Allows(m, d)));

        public override string ToString()
        {
            if (Problem is not null) return $"{Measure}: {Problem}";
            var text = $"{Measure}: staging {Format(Staging)}, published {Format(Published)}";
            if (Staging is { } s && Published is { } p && !Tolerance.Allows(s, p)) text += $" (off by {Format(p - s)}, {Tolerance})";
            if (ManifestTotal is { } m)
            {
                text += $"; manifest control total {Format(m)}, this drop's rows {Format(DropFigure)}";
                if (DropFigure is { } d && !Tolerance.Allows(m, d)) text += $" (off by {Format(d - m)}, {Tolerance})";
            }

            return text;
        }

        private static string Format(decimal? value) => value switch
        {
            null => "none",
            { } v when v == decimal.Truncate(v) => v.ToString("N0", CultureInfo.InvariantCulture),
            { } v => v.ToString(CultureInfo.InvariantCulture), // every digit: two figures that differ must not print alike
        };
    }

    /// <summary>Runs every measure against the drop's build schema (refs resolve there, sources to staging).</summary>
    /// <param name="controlTotals">The drop manifest's <c>control_totals</c>; null when the drop has no manifest or it carries none.</param>
    public static async Task<IReadOnlyList<Line>> RunAsync(ISqlRunner sql, ISqlDialect dialect, IReadOnlyList<ReconciliationMeasure> measures,
        BuildTarget target, IReadOnlyDictionary<string, decimal>? controlTotals, CancellationToken ct)
    {
        var lines = new List<Line>();
        foreach (var measure in measures)
        {
            var (staging, stagingProblem) = await FigureAsync(sql, dialect, measure, "staging", measure.Staging, target, ct);
            var (published, publishedProblem) = await FigureAsync(sql, dialect, measure, "analytics", measure.Analytics, target, ct);
            decimal? manifest = null, drop = null;
            string? dropProblem = null;
            if (measure.ControlTotal is { } control && controlTotals?.TryGetValue(control.Key, out var total) == true)
            {
                manifest = total;
                (drop, dropProblem) = await FigureAsync(sql, dialect, measure, "control_total.drop", control.Drop, target, ct);
            }

            lines.Add(new Line(measure.Name, staging, published, measure.Tolerance, manifest, drop, stagingProblem ?? publishedProblem ?? dropProblem));
        }

        // A control total the vendor sends and no measure reads would be a check nobody makes: a typo in either file.
        foreach (var key in (controlTotals?.Keys ?? []).Where(k => measures.All(m => m.ControlTotal?.Key != k)).Order(StringComparer.Ordinal))
        {
            lines.Add(new Line(key, null, null, ReconciliationTolerance.Exact, controlTotals![key], null,
                $"the manifest carries control total '{key}', which no measure of {ReconciliationParser.FileName} reads (control_total: manifest: {key})"));
        }

        return lines;
    }

    private static async Task<(decimal? Figure, string? Problem)> FigureAsync(ISqlRunner sql, ISqlDialect dialect, ReconciliationMeasure measure,
        string side, IReadOnlyList<TemplatePart> template, BuildTarget target, CancellationToken ct)
    {
        // A model's ref renders as its bare name, for the build's search path; a single query has none, so it is qualified.
        var parts = template.Select(p => p is CallPart { Name: "ref" } r ? new TextPart(r.Line, $"{target.BuildSchema}.{r.Arg(0)}") : p).ToList();
        var query = ModelRenderer.Render(new Model(measure.Name, measure.File, ModelConfig.Default, parts, [], []),
            new RenderContext(dialect, target.BuildSchema, false, target.DropId, target.AsOf));
        IReadOnlyList<object?[]> rows;
        try
        {
            rows = await sql.QueryAsync(query, ct);
        }
        catch (WarehouseSqlException e)
        {
            throw e.About($"reconciliation {measure.Name}, {side} ({measure.File}:{measure.Line})");
        }

        var where = $"the {side} query ({measure.File}:{measure.Line})";
        if (rows.Count != 1 || rows[0].Length != 1) return (null, $"{where} returned {rows.Count} rows of {(rows.Count > 0 ? rows[0].Length : 0)} columns; it must return one number");
        return rows[0][0] switch
        {
            null => (null, $"{where} returned NULL (a sum over no rows is NULL: write coalesce(sum(...), 0))"),
            double d when !double.IsFinite(d) || Math.Abs(d) > 7.9e28 => (null, $"{where} returned a number a decimal cannot hold (NaN, infinite or above 7.9e28)"),
            float f when !float.IsFinite(f) => (null, $"{where} returned NaN or an infinite number"),
            decimal or double or float or long or int or short or byte or ulong or uint or ushort or sbyte =>
                (Convert.ToDecimal(rows[0][0], CultureInfo.InvariantCulture), null),
            _ => (null, $"{where} returned a value that is not a number"),
        };
    }
}
