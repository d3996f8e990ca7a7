using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using HealthDw.Cli.Local;
using HealthDw.Core.Ports;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary>
/// <c>healthdw report</c>: the KPIs the business compares with the EMR's own reports, as tables in
/// the terminal and as one self-contained HTML file with charts and the check history.
/// Aggregates only: no row of a patient is shown.
/// </summary>
public static class ReportCommand
{
    private sealed record Kpi(string Title, string Sql, string[] Headers, int ChartLabel, int ChartValue);

    private static readonly Kpi[] Kpis =
    [
        new("Completed visits per day (last 30 days)",
            "select appt_date, sum(visits) from analytics.kpi_visits_per_provider_day group by appt_date order by appt_date desc limit 30",
            ["day", "visits"], 0, 1),
        new("Busiest providers (completed visits)",
            "select provider_pk, sum(visits) as visits from analytics.kpi_visits_per_provider_day group by provider_pk order by visits desc limit 10",
            ["provider", "visits"], 0, 1),
        new("No-show rate by location",
            "select location_pk, sum(appointments_due), sum(no_shows), round(100.0 * sum(no_shows) / nullif(sum(appointments_due), 0), 2) from analytics.kpi_no_show_rate group by location_pk order by location_pk",
            ["location", "due", "no-shows", "rate %"], 0, 3),
        new("New vs returning patients (last 12 months)",
            "select visit_month, new_patients, returning_patients from analytics.kpi_new_vs_returning order by visit_month desc limit 12",
            ["month", "new", "returning"], 0, 2),
        new("Billed, allowed and paid by payer",
            "select payer, sum(claims), sum(billed), sum(allowed), sum(paid) from analytics.kpi_billing_by_payer_month group by payer order by payer",
            ["payer", "claims", "billed", "allowed", "paid"], 0, 2),
        new("Denial rate by payer",
            "select payer, sum(claims), sum(denied), round(100.0 * sum(denied) / nullif(sum(claims), 0), 2) from analytics.kpi_denial_rate group by payer order by payer",
            ["payer", "claims", "denied", "rate %"], 0, 3),
        new("Accounts receivable aging",
            "select aging_bucket, open_claims, balance from analytics.kpi_ar_aging order by bucket_order",
            ["days", "open claims", "balance"], 0, 2),
    ];

    private const string CheckHistory = """
        select drop_id, published, checks_passed, checks_warned, checks_failed, decided_at
        from audit.drop_publications order by decided_at desc limit 20
        """;

    public static Command Create(Func<CliContext> context)
    {
        var output = new Option<string>("--out") { Description = "where to write the HTML report", DefaultValueFactory = _ => "" };
        var command = new Command("report", "Print the KPIs and write an HTML report with charts and the check history") { output };
        command.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            await using var pipeline = await LocalPipeline.OpenAsync(ctx.Settings, ct);
            if ((await pipeline.Sql.QueryAsync(pipeline.Dialect.RelationExistsQuery("analytics", "kpi_ar_aging"), ct)).Count == 0)
                throw new UsageException("nothing is published yet: run `healthdw demo`, or drop a drop and `healthdw publish <drop>`");
            var sections = new List<(Kpi Kpi, IReadOnlyList<object?[]> Rows)>();
            foreach (var kpi in Kpis.Concat(await OtherKpisAsync(pipeline, ct)))
            {
                var rows = await pipeline.Sql.QueryAsync(kpi.Sql, ct);
                sections.Add((kpi, rows));
                var shown = rows.Count > TerminalRows ? $" (first {TerminalRows} of {rows.Count} rows; all in the HTML report)" : "";
                var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(kpi.Title + shown));
                foreach (var h in kpi.Headers) table.AddColumn(new TableColumn(Markup.Escape(h)).RightAligned());
                foreach (var row in rows.Take(TerminalRows)) table.AddRow(row.Select(v => Markup.Escape(Format(v))).ToArray());
                ctx.Console.Write(table);
            }

            var history = await pipeline.Sql.QueryAsync(CheckHistory, ct);
            var path = Path.GetFullPath(parse.GetValue(output) is { Length: > 0 } o ? o : Path.Combine(ctx.Settings.Home, "report.html"));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, Html(sections, history, pipeline.Clock), ct);
            await HealthDw.Cli.Profile.StagingProfileSection.AppendToAsync(path, pipeline, ct);
            ctx.Console.MarkupLine($"HTML report: {Markup.Escape(path)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal m => m.ToString(m == Math.Round(m) ? "N0" : "N2", CultureInfo.InvariantCulture),
        double x => x.ToString("N2", CultureInfo.InvariantCulture),
        long or int => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static double Number(object? value) => value is null ? 0 : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private const int TerminalRows = 12;

    /// <summary>Every published <c>kpi_*</c> model the sections above do not cover (a team's own KPIs), shown as they are:
    /// their columns, first column as the chart's label and last as its value.</summary>
    private static async Task<IReadOnlyList<Kpi>> OtherKpisAsync(LocalPipeline pipeline, CancellationToken ct)
    {
        var others = new List<Kpi>();
        foreach (var name in pipeline.Analytics.Models.Models.Keys.Where(n => n.StartsWith("kpi_", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            if (Kpis.Any(k => k.Sql.Contains($"analytics.{name} ", StringComparison.Ordinal)))
                continue;
            var columns = (await pipeline.Sql.QueryAsync(pipeline.Dialect.ColumnsQuery("analytics", name), ct)).Select(r => (string)r[0]!).ToArray();
            if (columns.Length == 0)
                continue; // not published yet
            others.Add(new Kpi(name, $"select * from analytics.{name} order by 1 limit 5000", columns, 0, columns.Length - 1));
        }

        return others;
    }

    private static string Html(IReadOnlyList<(Kpi Kpi, IReadOnlyList<object?[]> Rows)> sections, IReadOnlyList<object?[]> history, IClock clock)
    {
        var html = new StringBuilder();
        html.Append("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>HealthDw report</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1100px}h1{font-size:1.6rem}
            h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:right}
            th{background:#f4f6f8}td:first-child,th:first-child{text-align:left}.bar{fill:#3b7dd8}.lbl{font-size:11px;fill:#333}
            .pass{color:#1a7f37}.fail{color:#c0392b}.grid{display:flex;gap:2rem;flex-wrap:wrap;align-items:flex-start}</style></head><body>
            """);
        html.Append($"<h1>HealthDw — warehouse report</h1><p>Generated {WebUtility.HtmlEncode(clock.Now.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))} from the published <code>analytics</code> schema. Aggregates only.</p>");
        foreach (var (kpi, rows) in sections)
        {
            html.Append($"<h2>{WebUtility.HtmlEncode(kpi.Title)}</h2><div class=\"grid\">");
            // A team's KPI may end in a text or date column: then there is nothing to chart, only the table.
            if (rows.All(r => r[kpi.ChartValue] is null or byte or short or int or long or decimal or double or float))
                html.Append(Chart(rows.Select(r => (Format(r[kpi.ChartLabel]), Number(r[kpi.ChartValue]))).ToList(), kpi.Headers[kpi.ChartValue]));
            html.Append(TableHtml(kpi.Headers, rows));
            html.Append("</div>");
        }

        html.Append("<h2>Check history (latest drops)</h2>");
        html.Append(TableHtml(["drop", "published", "passed", "warned", "failed", "decided at"], history));
        html.Append(Chart(history.Select(r => ((string)r[0]!, Number(r[4]))).Reverse().ToList(), "failed checks per drop"));
        html.Append("</body></html>");
        return html.ToString();
    }

    private static string TableHtml(IEnumerable<string> headers, IEnumerable<object?[]> rows)
    {
        var t = new StringBuilder("<table><tr>");
        foreach (var h in headers) t.Append($"<th>{WebUtility.HtmlEncode(h)}</th>");
        t.Append("</tr>");
        foreach (var row in rows)
        {
            t.Append("<tr>");
            foreach (var v in row)
            {
                var cls = v is bool b ? (b ? " class=\"pass\"" : " class=\"fail\"") : "";
                t.Append($"<td{cls}>{WebUtility.HtmlEncode(v is bool flag ? (flag ? "yes" : "no") : Format(v))}</td>");
            }

            t.Append("</tr>");
        }

        return t.Append("</table>").ToString();
    }

    /// <summary>A horizontal bar chart as inline SVG: no script, no network.</summary>
    private static string Chart(IReadOnlyList<(string Label, double Value)> points, string measure)
    {
        if (points.Count == 0) return "<p>(no data)</p>";
        const int width = 400, bar = 16, gap = 4, labelWidth = 170;
        var max = Math.Max(points.Max(p => p.Value), 1e-9);
        var height = points.Count * (bar + gap) + 20;
        var svg = new StringBuilder($"<svg role=\"img\" aria-label=\"{WebUtility.HtmlEncode(measure)}\" width=\"{width + labelWidth + 80}\" height=\"{height}\">");
        for (var i = 0; i < points.Count; i++)
        {
            var y = i * (bar + gap);
            var w = (int)(width * Math.Max(0, points[i].Value) / max);
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"lbl\" x=\"0\" y=\"{y + 12}\">{WebUtility.HtmlEncode(points[i].Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y}\" width=\"{w}\" height=\"{bar}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"lbl\" x=\"{labelWidth + w + 4}\" y=\"{y + 12}\">{points[i].Value.ToString(points[i].Value == Math.Round(points[i].Value) ? "N0" : "N2", CultureInfo.InvariantCulture)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"lbl\" x=\"{labelWidth}\" y=\"{height - 4}\">{WebUtility.HtmlEncode(measure)}</text></svg>");
        return svg.ToString();
    }
}
