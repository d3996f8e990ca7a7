using System.Globalization;
using System.Net;
using System.Text;
using HealthDw.Cli.Local;
using HealthDw.Core.Profiling;

namespace HealthDw.Cli.Profile;

/// <summary>
/// The HTML report's "Staging tables" section: every staging table's profile (rows, and per column nulls, distinct
/// count and lengths), with no cell value, whatever the contracts say. Kept apart from the report's own layout and
/// added to the written file just before its end.
/// </summary>
public static class StagingProfileSection
{
    public static async Task AppendToAsync(string htmlPath, LocalPipeline pipeline, CancellationToken ct)
    {
        var section = await HtmlAsync(pipeline, ct);
        var html = await File.ReadAllTextAsync(htmlPath, ct);
        var end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        await File.WriteAllTextAsync(htmlPath, end < 0 ? html + section : html.Insert(end, section), ct);
    }

    public static async Task<string> HtmlAsync(LocalPipeline pipeline, CancellationToken ct)
    {
        var profiler = new TableProfiler(pipeline.Sql, pipeline.Dialect);
        var html = new StringBuilder("<section id=\"staging-profile\"><h2>Staging tables</h2>");
        html.Append("<p>Per column: empty cells, distinct values and lengths. No cell value is shown; columns marked <code>phi: true</code> in their contract are flagged.</p>");
        foreach (var contract in pipeline.Config.Contracts.Values.OrderBy(c => c.Table, StringComparer.Ordinal))
        {
            var profile = await profiler.ProfileAsync("staging", contract.Table, contract, showValues: false, ct);
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(contract.Table)}: {profile.Rows:N0} rows</h3>");
            html.Append("<table><tr><th>column</th><th>type</th><th>phi</th><th>nulls</th><th>distinct</th><th>min len</th><th>max len</th></tr>");
            foreach (var c in profile.Columns)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(c.Name)}</td><td>{E(c.Type)}</td><td>{(c.HiddenBecause == DataProfile.HiddenPhi ? "yes" : "")}</td><td>{c.Nulls:N0}</td><td>{c.Distinct:N0}</td><td>{c.MinLength:N0}</td><td>{c.MaxLength:N0}</td></tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</section>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
