using System.Globalization;
using System.Net;
using System.Text;

namespace HealthDw.Cli.Commands;

/// <summary>
/// The report's charts: horizontal bars as inline SVG (no script, no network), one group of bars per label and one bar
/// per series, each series in its own colour and named in a legend, so that a chart of "new" and "returning" shows both.
/// When there is nothing to draw, a sentence says so instead of an empty or a lone "0" chart.
/// </summary>
internal static class ReportChart
{
    /// <summary>One measure drawn across the chart's labels (e.g. "billed"), in the order of the labels. A series marked
    /// <paramref name="Bad"/> (failed checks) is drawn in red, whatever its place.</summary>
    public sealed record Series(string Name, IReadOnlyList<double> Values, bool Bad = false);

    private const int LabelWidth = 182, BarArea = 258, ValueWidth = 80, Bar = 13, InnerGap = 2, GroupGap = 7;

    /// <summary>Labels longer than this are cut with an ellipsis in the chart; the table beside it has them whole.</summary>
    private const int LabelChars = 27;

    public static string Bars(IReadOnlyList<string> labels, IReadOnlyList<Series> series)
    {
        if (labels.Count == 0 || series.Count == 0) return Empty("No rows yet");
        var max = Math.Max(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max(), 1e-9);
        var group = series.Count * Bar + (series.Count - 1) * InnerGap + GroupGap;
        var height = labels.Count * group;
        var svg = new StringBuilder(Legend(series));
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg role=\"img\" aria-label=\"{WebUtility.HtmlEncode(string.Join(", ", series.Select(s => s.Name)))}\" width=\"{LabelWidth + BarArea + ValueWidth}\" height=\"{height}\">");
        for (var i = 0; i < labels.Count; i++)
        {
            var top = i * group;
            var label = labels[i].Length > LabelChars ? labels[i][..(LabelChars - 1)].TrimEnd() + "…" : labels[i];
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"lbl\" x=\"0\" y=\"{top + (group - GroupGap) / 2 + 4}\"><title>{WebUtility.HtmlEncode(labels[i])}</title>{WebUtility.HtmlEncode(label)}</text>");
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[i];
                var y = top + s * (Bar + InnerGap);
                var w = (int)(BarArea * Math.Max(0, value) / max);
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{Colour(series, s)}\" x=\"{LabelWidth}\" y=\"{y}\" width=\"{w}\" height=\"{Bar}\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"val\" x=\"{LabelWidth + w + 4}\" y=\"{y + Bar - 3}\">{Number(value)}</text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>What the chart's place shows when there is nothing to draw.</summary>
    public static string Empty(string sentence) => $"<p class=\"empty\">{WebUtility.HtmlEncode(sentence)}</p>";

    /// <summary>The colours of the series, as CSS classes <c>s0</c>…: the page's style sheet defines them for bars and swatches.</summary>
    public const string Style = ".s0{fill:#3b7dd8;background:#3b7dd8}.s1{fill:#e08a2c;background:#e08a2c}.s2{fill:#2e9e6a;background:#2e9e6a}.s3{fill:#8e5cc4;background:#8e5cc4}.bad{fill:#c0392b;background:#c0392b}";

    private const int Colours = 4;

    private static string Colour(IReadOnlyList<Series> series, int s) => series[s].Bad ? "bad" : $"s{s % Colours}";

    private static string Legend(IReadOnlyList<Series> series)
    {
        var legend = new StringBuilder("<ul class=\"legend\">");
        for (var s = 0; s < series.Count; s++)
            legend.Append(CultureInfo.InvariantCulture, $"<li><span class=\"swatch {Colour(series, s)}\"></span>{WebUtility.HtmlEncode(series[s].Name)}</li>");
        return legend.Append("</ul>").ToString();
    }

    private static string Number(double value) =>
        value.ToString(value == Math.Round(value) ? "N0" : "N2", CultureInfo.InvariantCulture);
}
