using System.Globalization;
using System.Text.RegularExpressions;
using HealthDw.Core.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HealthDw.Core.Configuration;

/// <summary>
/// Reads <c>reconciliations.yml</c>: a list of measures, each a staging-side and an analytics-side query (templates with
/// <c>{{ ref('model') }}</c> and <c>{{ source('staging', 'table') }}</c>, resolved as in models), a tolerance, and
/// optionally the manifest control total it answers to. Every ref and source is checked against the model graph and the
/// contracts here, at load time, so a measure naming an unknown model stops start-up with the file and line instead of
/// failing every publish.
/// </summary>
public static partial class ReconciliationParser
{
    public const string FileName = "reconciliations.yml";

    /// <summary>The calls a reconciliation query may make: a model's and the dialect macros, without config/this/is_incremental.</summary>
    private static readonly IReadOnlySet<string> Calls = ModelParser.Calls.Where(c => c is not ("config" or "this")).ToHashSet(StringComparer.Ordinal);

    /// <param name="models">The models' names (refs must name one).</param>
    /// <param name="stagingTables">The contracts' tables (sources must name one).</param>
    public static IReadOnlyList<ReconciliationMeasure> Parse(ConfigFile file, IReadOnlyCollection<string> models, IReadOnlySet<string> stagingTables)
    {
        // An empty file (or one with comments only) is no reconciliation, like no file at all.
        if (file.Text.Split('\n').All(l => l.Trim().Length == 0 || l.TrimStart().StartsWith('#'))) return [];
        var root = YamlSource.ParseMapping(file, out var doc);
        doc.OnlyKeys(root, "reconciliations");
        var list = doc.Required(root, "reconciliations");
        if (list is YamlScalarNode { Value: null or "" } or YamlSequenceNode { Children.Count: 0 }) return [];
        var lines = file.Text.Split('\n');
        var measures = new List<ReconciliationMeasure>();
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in doc.Sequence(list, "'reconciliations'").Children)
        {
            var entry = doc.Mapping(item, "each reconciliation");
            doc.OnlyKeys(entry, "name", "staging", "analytics", "tolerance", "control_total");
            var nameNode = doc.Required(entry, "name");
            var name = doc.Scalar(nameNode, "'name'");
            if (!Name().IsMatch(name))
                throw doc.Error(nameNode, $"'{name}' is not a measure name: use lower-case letters, digits and '_', starting with a letter");
            if (measures.FirstOrDefault(m => m.Name == name) is { } first)
                throw doc.Error(nameNode, $"measure '{name}' is already defined at line {first.Line}");
            var staging = Query(doc, lines, entry, "staging", models, stagingTables);
            var analytics = Query(doc, lines, entry, "analytics", models, stagingTables);
            ReconciliationControlTotal? control = null;
            if (doc.Optional(entry, "control_total") is { } controlNode)
            {
                var map = doc.Mapping(controlNode, "'control_total'");
                doc.OnlyKeys(map, "manifest", "drop");
                var keyNode = doc.Required(map, "manifest");
                var key = doc.Scalar(keyNode, "'manifest' (the key under control_totals in the manifest)");
                if (!Name().IsMatch(key))
                    throw doc.Error(keyNode, $"'{key}' is not a control total name: use lower-case letters, digits and '_', starting with a letter");
                if (keys.TryGetValue(key, out var at))
                    throw doc.Error(keyNode, $"control total '{key}' is already reconciled at line {at}");
                keys[key] = (int)keyNode.Start.Line;
                control = new ReconciliationControlTotal(key, Query(doc, lines, map, "drop", models, stagingTables));
            }

            measures.Add(new ReconciliationMeasure(name, file.Path, (int)nameNode.Start.Line, staging, analytics, control, Tolerance(doc, entry)));
        }

        return measures;
    }

    private static ReconciliationTolerance Tolerance(YamlSource doc, YamlMappingNode entry)
    {
        if (doc.Optional(entry, "tolerance") is not { } node) return ReconciliationTolerance.Exact;
        var map = doc.Mapping(node, "'tolerance' (absolute: and/or relative:)");
        doc.OnlyKeys(map, "absolute", "relative");
        return new ReconciliationTolerance(Number(doc, map, "absolute"), Number(doc, map, "relative"));
    }

    private static decimal Number(YamlSource doc, YamlMappingNode map, string key)
    {
        if (doc.Optional(map, key) is not { } node) return 0m;
        var text = doc.Scalar(node, $"'{key}'");
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
            throw doc.Error(node, $"'{key}' must be a number of 0 or more, such as 0.01");
        if (key == "relative" && value >= 1)
            throw doc.Error(node, "'relative' is a fraction of the figure (0.000001 is one part in a million) and must be below 1");
        return value;
    }

    /// <summary>A query: its template parsed, its calls checked, and every error placed at its line and column in the YAML file.</summary>
    private static IReadOnlyList<TemplatePart> Query(YamlSource doc, string[] lines, YamlMappingNode map, string key,
        IReadOnlyCollection<string> models, IReadOnlySet<string> stagingTables)
    {
        var node = doc.Required(map, key);
        var sql = doc.Scalar(node, $"'{key}' (an SQL query returning one number)");
        var scalar = (YamlScalarNode)node;
        var (firstLine, indent) = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded
            ? ((int)node.Start.Line + 1, Indent(lines, (int)node.Start.Line))
            : ((int)node.Start.Line, 0);
        var firstColumn = scalar.Style switch
        {
            ScalarStyle.Literal or ScalarStyle.Folded => indent + 1,
            ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted => (int)node.Start.Column + 1,
            _ => (int)node.Start.Column,
        };
        ConfigException At(int line, int column, string problem) =>
            new(doc.File, firstLine + line - 1, line == 1 ? firstColumn + column - 1 : indent + column, problem);

        IReadOnlyList<TemplatePart> parts;
        try
        {
            parts = TemplateParser.Parse(doc.File, sql);
        }
        catch (ConfigException e)
        {
            throw At(e.Line, e.Column, $"'{key}': {e.Problem}");
        }

        foreach (var part in parts)
        {
            if (part is IncrementalPart block)
                throw At(block.Line, 1, $"'{key}': a reconciliation query has no {{% if is_incremental() %}} block; it runs once per drop's build");
            if (part is not CallPart call) continue;
            foreach (var name in call.Args.Select(a => a.Call).OfType<string>().Prepend(call.Name))
            {
                if (!Calls.Contains(name))
                    throw At(call.Line, call.Column, $"'{key}': unknown macro '{name}'; available: {string.Join(", ", Calls.Order(StringComparer.Ordinal))}");
            }

            switch (call.Name)
            {
                case "ref" when call.Args.Count != 1 || call.Arg(0).Length == 0:
                    throw At(call.Line, call.Column, $"'{key}': ref takes one model name: {{{{ ref('fact_claim') }}}}");
                case "ref" when !models.Contains(call.Arg(0)):
                    throw At(call.Line, call.Column, $"'{key}': ref('{call.Arg(0)}') names no model; models are: "
                        + (models.Count == 0 ? "(none: the configuration folder has no models/*.sql)" : string.Join(", ", models.Order(StringComparer.Ordinal))));
                case "source" when call.Args.Count != 2 || call.Arg(0) != "staging" || !stagingTables.Contains(call.Arg(1)):
                    throw At(call.Line, call.Column, $"'{key}': source('{call.Arg(0)}', '{call.Arg(1)}') is not a staging table with a contract; "
                        + "write {{ source('staging', '<table>') }}");
            }
        }

        return parts;
    }

    private static int Indent(string[] lines, int indicatorLine)
    {
        // The block's content starts on the line after the '|' or '>' indicator; its indentation is that line's.
        var content = lines.Skip(indicatorLine).FirstOrDefault(l => l.Trim().Length > 0) ?? "";
        return content.Length - content.TrimStart(' ').Length;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex Name();
}
