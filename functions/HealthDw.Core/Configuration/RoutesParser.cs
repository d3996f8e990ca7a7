using System.Text.RegularExpressions;
using HealthDw.Core.Routing;
using YamlDotNet.RepresentationModel;

namespace HealthDw.Core.Configuration;

/// <summary>Reads <c>routes.yml</c> into a <see cref="RouteTable"/>, checked against the contracts.</summary>
internal static class RoutesParser
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static RouteTable Parse(ConfigFile file, IReadOnlyDictionary<string, TableContract> contracts)
    {
        var root = YamlSource.ParseMapping(file, out var doc);
        doc.OnlyKeys(root, "file_pattern", "ignore", "control", "routes", "drop_deadline_hours", "late_files");
        var deadline = TimeSpan.FromHours(6);
        if (doc.Optional(root, "drop_deadline_hours") is { } deadlineNode)
        {
            if (!double.TryParse(doc.Scalar(deadlineNode, "'drop_deadline_hours'"), System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var hours) || hours <= 0 || hours > RouteTable.MaxDropDeadlineHours)
                throw doc.Error(deadlineNode, $"drop_deadline_hours must be a positive number of hours, at most {RouteTable.MaxDropDeadlineHours} "
                    + "(publish-drop stops waiting for a drop after a day)");
            deadline = TimeSpan.FromHours(hours);
        }


        var templateNode = doc.Optional(root, "file_pattern");
        var template = templateNode is null ? null : doc.Scalar(templateNode, "'file_pattern'");
        if (templateNode is not null && !template!.Contains("{table}", StringComparison.Ordinal))
            throw doc.Error(templateNode, "file_pattern must contain {table}, which each route fills in");

        var ignore = doc.Optional(root, "ignore") is { } ignoreNode
            ? doc.Sequence(ignoreNode, "'ignore'").Children.Select(n => Compile(doc, n, doc.Scalar(n, "an ignore pattern"), needsDrop: false)).ToList()
            : [];

        Regex? manifest = null;
        if (doc.Optional(root, "control") is { } controlNode)
        {
            var control = doc.Mapping(controlNode, "'control'");
            doc.OnlyKeys(control, "manifest");
            if (doc.Optional(control, "manifest") is { } m) manifest = Compile(doc, m, doc.Scalar(m, "'manifest'"), needsDrop: true, "control.manifest");
        }

        var routes = new List<Route>();
        foreach (var node in doc.Sequence(doc.Required(root, "routes"), "'routes'").Children)
        {
            var map = doc.Mapping(node, "each route");
            doc.OnlyKeys(map, "table", "pattern", "required");
            var tableNode = doc.Required(map, "table");
            var table = doc.Scalar(tableNode, "'table'");
            if (!contracts.ContainsKey(table))
                throw doc.Error(tableNode, $"no contract declares table '{table}'; known tables: {string.Join(", ", contracts.Keys.Order())}");
            if (routes.Any(r => r.Table == table))
                throw doc.Error(tableNode, $"table '{table}' has two routes; give one route per table");

            var patternNode = doc.Optional(map, "pattern");
            var pattern = patternNode is not null
                ? doc.Scalar(patternNode, "'pattern'")
                : template?.Replace("{table}", Regex.Escape(table), StringComparison.Ordinal)
                  ?? throw doc.Error(map, "this route has no 'pattern' and routes.yml has no file_pattern to fill in");
            routes.Add(new Route(table, Compile(doc, patternNode ?? templateNode!, pattern, needsDrop: true, $"the route for {table}"),
                doc.Boolean(map, "required", fallback: true)));
        }

        var lateFiles = LateFilePolicy.Publish;
        if (doc.Optional(root, "late_files") is { } lateNode)
        {
            lateFiles = doc.Scalar(lateNode, "'late_files'") switch
            {
                "publish" => LateFilePolicy.Publish,
                "notify" => LateFilePolicy.Notify,
                var other => throw doc.Error(lateNode, $"late_files must be publish or notify, not '{other}'"),
            };
        }

        return new RouteTable(ignore, manifest, routes, deadline) { LateFiles = lateFiles };
    }

    private static Regex Compile(YamlSource doc, YamlNode at, string pattern, bool needsDrop, string? owner = null)
    {
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw doc.Error(at, $"not a valid regular expression: {e.Message}");
        }

        if (needsDrop && !regex.GetGroupNames().Contains("drop"))
            throw doc.Error(at, "the pattern must capture the drop id as (?<drop>...)");
        // The drop id names the drop's publish execution (drop-<id>): a name Step Functions refuses would fail the
        // publish after the file is loaded, so the pattern must not be able to capture such a character.
        if (needsDrop && DropGroupCheck.Problem(pattern) is { } problem)
            throw doc.Error(at, $"{owner}: the drop id names the publish execution {DropIds.ExecutionNamePrefix}<id>, which Step Functions "
                + $"refuses with some characters, and (?<drop>...) in '{pattern}' cannot be proved safe: {problem}");
        return regex;
    }
}
