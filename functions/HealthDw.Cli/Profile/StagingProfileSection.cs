using System.Globalization;
using System.Net;
using System.Text;
using HealthDw.Cli.Commands;
using HealthDw.Cli.Local;
using HealthDw.Core.Profiling;

namespace HealthDw.Cli.Profile;

/// <summary>
/// The HTML report's "Staging tables" section: every staging table's profile (rows, and per column nulls, distinct
/// count and lengths), with no cell value, whatever the contracts say; laid out as every other section of the report.
/// </summary>
public static class StagingProfileSection
{
    public static async Task<string> HtmlAsync(LocalPipeline pipeline, CancellationToken ct)
    {
        var profiler = new TableProfiler(pipeline.Sql, pipeline.Dialect);
        var table = new StringBuilder("<table><tr><th class=\"txt\">table</th><th>rows</th><th class=\"txt\">column</th><th class=\"txt\">type</th><th class=\"txt\">phi</th><th>nulls</th><th>distinct</th><th>min len</th><th>max len</th></tr>");
        foreach (var contract in pipeline.Config.Contracts.Values.OrderBy(c => c.Table, StringComparer.Ordinal))
        {
            var profile = await profiler.ProfileAsync("staging", contract.Table, contract, showValues: false, ct);
            foreach (var c in profile.Columns)
            {
                table.Append(CultureInfo.InvariantCulture,
                    $"<tr><td class=\"txt\">{E(contract.Table)}</td><td>{profile.Rows:N0}</td><td class=\"txt\">{E(c.Name)}</td><td class=\"txt\">{E(c.Type)}</td><td class=\"txt\">{(c.HiddenBecause == DataProfile.HiddenPhi ? "yes" : "")}</td><td>{c.Nulls:N0}</td><td>{c.Distinct:N0}</td><td>{c.MinLength:N0}</td><td>{c.MaxLength:N0}</td></tr>");
            }
        }

        // The report's one layout: the sentence stands where a chart would.
        return ReportCommand.Section("Staging tables",
            "<p class=\"empty\">Per column of each staging table: empty cells, distinct values and lengths. No cell value is shown; columns marked <code>phi: true</code> in their contract are flagged.</p>",
            table.Append("</table>").ToString());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
