using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using HealthDw.Cli.Local;
using HealthDw.Cli.Profile;
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
    /// <summary>One section: its query, the table's headers, the column whose values label the chart's bars and the columns
    /// drawn as bars (one series each, named by its header in the legend).</summary>
    private sealed record Kpi(string Title, string Sql, string[] Headers, int ChartLabel, int[] ChartValues);

    // Providers and locations are shown by name (from dim_provider / dim_location), not by key: they are the clinic's own
    // staff and sites, not patients. A key the dimension does not know still shows, as "provider 14".
    private static readonly Kpi[] Kpis =
    [
        new("Completed visits per day (last 30 days)",
            "select appt_date, sum(visits) from analytics.kpi_visits_per_provider_day group by appt_date order by appt_date desc limit 30",
            ["day", "visits"], 0, [1]),
        new("Busiest providers (completed visits)",
            """
            select coalesce(coalesce(p.provider_specialty, 'no specialty') || ' · NPI ' || p.provider_npi, 'provider ' || cast(v.provider_pk as varchar)) as provider,
                   v.visits
            from (select provider_pk, sum(visits) as visits from analytics.kpi_visits_per_provider_day group by provider_pk) as v
            left join analytics.dim_provider as p on p.provider_pk = v.provider_pk
            order by v.visits desc, v.provider_pk limit 10
            """,
            ["provider (specialty · NPI)", "visits"], 0, [1]),
        new("No-show rate by location",
            """
            select coalesce(l.location_name, 'location ' || cast(n.location_pk as varchar)) as location,
                   n.due, n.no_shows, round(100.0 * n.no_shows / nullif(n.due, 0), 2)
            from (select location_pk, sum(appointments_due) as due, sum(no_shows) as no_shows from analytics.kpi_no_show_rate group by location_pk) as n
            left join analytics.dim_location as l on l.location_pk = n.location_pk
            order by 1
            """,
            ["location", "due", "no-shows", "rate %"], 0, [3]),
        new("New vs returning patients (last 12 months)",
            "select visit_month, new_patients, returning_patients from analytics.kpi_new_vs_returning order by visit_month desc limit 12",
            ["month", "new", "returning"], 0, [1, 2]),
        new("Billed, allowed and paid by payer",
            "select payer, sum(claims), sum(billed), sum(allowed), sum(paid) from analytics.kpi_billing_by_payer_month group by payer order by payer",
            ["payer", "claims", "billed", "allowed", "paid"], 0, [2, 3, 4]),
        new("Denial rate by payer",
            "select payer, sum(claims), sum(denied), round(100.0 * sum(denied) / nullif(sum(claims), 0), 2) from analytics.kpi_denial_rate group by payer order by payer",
            ["payer", "claims", "denied", "rate %"], 0, [3]),
        new("Accounts receivable aging",
            "select aging_bucket, open_claims, balance from analytics.kpi_ar_aging order by bucket_order",
            ["days", "open claims", "balance"], 0, [2]),
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
                for (var c = 0; c < kpi.Headers.Length; c++)
                {
                    // Names read from the left, numbers and dates line up on the right.
                    var column = new TableColumn(Markup.Escape(kpi.Headers[c]));
                    table.AddColumn(rows.Any(r => r[c] is string) ? column.LeftAligned() : column.RightAligned());
                }

                foreach (var row in rows.Take(TerminalRows)) table.AddRow(row.Select(v => Markup.Escape(Format(v))).ToArray());
                ctx.Console.Write(table);
            }

            var history = await pipeline.Sql.QueryAsync(CheckHistory, ct);
            var path = Path.GetFullPath(parse.GetValue(output) is { Length: > 0 } o ? o : Path.Combine(ctx.Settings.Home, "report.html"));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var profile = await StagingProfileSection.HtmlAsync(pipeline, ct);
            await File.WriteAllTextAsync(path, Html(sections, history, profile, pipeline.Clock), ct);
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
            others.Add(new Kpi(name, $"select * from analytics.{name} order by 1 limit 5000", columns, 0, [columns.Length - 1]));
        }

        return others;
    }

    private static string Html(IReadOnlyList<(Kpi Kpi, IReadOnlyList<object?[]> Rows)> sections, IReadOnlyList<object?[]> history, string stagingProfile, IClock clock)
    {
        var html = new StringBuilder();
        // Every section is laid out alike (title, then the chart in a fixed-width column and its table beside it), whatever
        // the width of its table, so that charts line up down the page; a narrow window puts the table under the chart, in
        // every section at once.
        html.Append("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>HealthDw report</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1240px}h1{font-size:1.6rem}
            .section{display:grid;grid-template-columns:530px minmax(0,1fr);grid-template-areas:"title title" "chart data";column-gap:2rem;align-items:start;margin-top:1.5rem;padding-top:.5rem;border-top:1px solid #e3e6ea}
            .section h2{grid-area:title;font-size:1.15rem;margin:.5rem 0}.section .chart{grid-area:chart}.section .data{grid-area:data;overflow-x:auto}
            @media (max-width:1000px){.section{grid-template-columns:minmax(0,1fr);grid-template-areas:"title" "chart" "data"}}
            table{border-collapse:collapse;margin:0 0 .5rem;font-size:.9rem}td,th{padding:.2rem .55rem;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap}
            th{background:#f4f6f8}td:first-child,th:first-child,.txt{text-align:left}.lbl{font-size:11px;fill:#333}.val{font-size:10px;fill:#555}
            .legend{list-style:none;display:flex;gap:1rem;margin:0 0 .4rem;padding:0;font-size:12px}.legend .swatch{display:inline-block;width:10px;height:10px;margin-right:.35rem;border-radius:2px}
            .empty{margin:0;padding:1.2rem;border:1px dashed #c9ced4;border-radius:6px;color:#555;background:#fafbfc;text-align:center}
            .pass{color:#1a7f37}.fail{color:#c0392b}
            """);
        html.Append(ReportChart.Style).Append("</style></head><body>");
        html.Append($"<h1>HealthDw — warehouse report</h1><p>Generated {WebUtility.HtmlEncode(clock.Now.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))} from the published <code>analytics</code> schema. Aggregates only.</p>");
        foreach (var (kpi, rows) in sections)
        {
            // A team's KPI may end in a text or date column: then the chart's place says there is nothing to chart.
            var chartable = kpi.ChartValues.Where(c => rows.All(r => r[c] is null or byte or short or int or long or decimal or double or float)).ToList();
            var chart = chartable.Count == 0
                ? ReportChart.Empty($"Nothing to chart: {string.Join(", ", kpi.ChartValues.Select(c => kpi.Headers[c]))} is not a number")
                : ReportChart.Bars(rows.Select(r => Format(r[kpi.ChartLabel])).ToList(),
                    chartable.Select(c => new ReportChart.Series(kpi.Headers[c], rows.Select(r => Number(r[c])).ToList())).ToList());
            html.Append(Section(kpi.Title, chart, TableHtml(kpi.Headers, rows)));
        }

        // Newest first, as in the table beside it, each decision labelled by its drop and time (a drop published again is
        // decided again); with no failed check at all, a chart of zeros says less than one sentence.
        var failedChart = history.Count == 0 ? ReportChart.Empty("No drop has been decided yet")
            : history.All(r => Number(r[4]) == 0) ? ReportChart.Empty("No failed checks in this run")
            : ReportChart.Bars(history.Select(r => r[5] is DateTime at ? $"{Format(r[0])} · {at.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)}" : Format(r[0])).ToList(),
                [new ReportChart.Series("failed checks", history.Select(r => Number(r[4])).ToList(), Bad: true)]);
        html.Append(Section("Check history (latest drops)", failedChart, TableHtml(["drop", "published", "passed", "warned", "failed", "decided at"], history)));
        html.Append(stagingProfile);
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>The one layout of every section of the page: its title, its chart (or the sentence that stands for it) and its table.</summary>
    internal static string Section(string title, string chart, string table) =>
        $"<section class=\"section\"><h2>{WebUtility.HtmlEncode(title)}</h2><div class=\"chart\">{chart}</div><div class=\"data\">{table}</div></section>";

    private static string TableHtml(IReadOnlyList<string> headers, IReadOnlyList<object?[]> rows)
    {
        // Names read from the left, numbers and dates line up on the right (as in the terminal).
        var text = headers.Select((_, c) => rows.Any(r => r[c] is string)).ToArray();
        var t = new StringBuilder("<table><tr>");
        for (var c = 0; c < headers.Count; c++) t.Append($"<th{(text[c] ? " class=\"txt\"" : "")}>{WebUtility.HtmlEncode(headers[c])}</th>");
        t.Append("</tr>");
        foreach (var row in rows)
        {
            t.Append("<tr>");
            for (var c = 0; c < row.Length; c++)
            {
                var v = row[c];
                var cls = v is bool b ? (b ? " class=\"pass\"" : " class=\"fail\"") : text[c] ? " class=\"txt\"" : "";
                t.Append($"<td{cls}>{WebUtility.HtmlEncode(v is bool flag ? (flag ? "yes" : "no") : Format(v))}</td>");
            }

            t.Append("</tr>");
        }

        return t.Append("</table>").ToString();
    }
}
