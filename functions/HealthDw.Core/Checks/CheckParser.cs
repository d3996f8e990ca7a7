using System.Globalization;
using System.Text.RegularExpressions;
using HealthDw.Core.Configuration;
using YamlDotNet.RepresentationModel;

namespace HealthDw.Core.Checks;

/// <summary>
/// Reads a SodaCL-style checks file: <c>checks for &lt;table&gt;:</c> followed by a list of checks,
/// each a line such as <c>missing_count(email) = 0</c>, optionally with a block of configuration
/// (valid min/max/values/regex/length, missing values, warn:/fail: alert levels, schema rules).
/// Anything it cannot read is an error with the file, line and the forms it supports.
/// </summary>
public static partial class CheckParser
{
    public const string SupportedForms = """
        row_count <op> N | row_count between A and B | row_count same as <table>;
        missing_count(col) | missing_percent(col) | invalid_count(col) | invalid_percent(col) (with valid min/max/values/regex/length) |
        duplicate_count(col[, col]) | duplicate_percent(col) | min(col) | max(col) | avg(col) | sum(col)  followed by <op> N[%] or between A and B;
        freshness(col) < 2d (units d, h, m); values in (col) must exist in <table> (col); schema (with fail:/warn: when required column missing,
        when forbidden column present, when wrong column type); any metric may instead have a block with warn: when <op> N and fail: when <op> N
        """;

    private static readonly string[] ConfigKeys =
    [
        "name", "warn", "fail", "missing values", "valid min", "valid max", "valid values", "valid regex",
        "valid length", "valid min length", "valid max length",
    ];

    public static IReadOnlyList<CheckDefinition> Parse(ConfigFile file)
    {
        var root = YamlSource.ParseMapping(file, out var doc);
        var checks = new List<CheckDefinition>();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = doc.Scalar(keyNode, "a top-level key");
            var m = ChecksFor().Match(key);
            if (!m.Success) throw doc.Error(keyNode, $"expected 'checks for <table>:', found '{key}'");
            var table = m.Groups["table"].Value;
            foreach (var item in doc.Sequence(value, $"'{key}'").Children)
                checks.Add(ParseCheck(doc, table, item));
        }

        return checks;
    }

    private static CheckDefinition ParseCheck(YamlSource doc, string table, YamlNode item)
    {
        string text;
        YamlMappingNode? config = null;
        YamlNode at = item;
        switch (item)
        {
            case YamlScalarNode:
                text = doc.Scalar(item, "a check");
                break;
            case YamlMappingNode { Children.Count: 1 } map:
                var (k, v) = map.Children.Single();
                text = doc.Scalar(k, "a check");
                at = k;
                config = v as YamlMappingNode
                         ?? (v is YamlScalarNode { Value: null or "" } ? null : throw doc.Error(v, $"the settings of '{text}' must be a mapping (key: value)"));
                break;
            default:
                throw doc.Error(item, "each check is a line such as 'row_count > 0', optionally ending with ':' and a block of settings");
        }

        var line = (int)at.Start.Line;
        text = text.Trim();
        if (text == "schema") return ParseSchema(doc, table, text, config, at);

        if (SameAs().Match(text) is { Success: true } same)
        {
            return Build(doc, table, text, MetricKind.RowCountSameAs, [], null, config, at, same.Groups["other"].Value, []);
        }

        if (Reference().Match(text) is { Success: true } reference)
        {
            var cols = Columns(reference.Groups["cols"].Value);
            var other = Columns(reference.Groups["ocols"].Value);
            if (cols.Count != other.Count) throw doc.Error(at, "a reference check needs as many columns on each side");
            return Build(doc, table, text, MetricKind.Reference, cols, null, config, at, reference.Groups["other"].Value, other);
        }

        var metric = Metric().Match(text);
        if (!metric.Success) throw doc.Error(at, $"unsupported check '{text}'. Supported forms: {SupportedForms}");
        var kind = metric.Groups["metric"].Value switch
        {
            "row_count" => MetricKind.RowCount,
            "missing_count" => MetricKind.MissingCount,
            "missing_percent" => MetricKind.MissingPercent,
            "invalid_count" => MetricKind.InvalidCount,
            "invalid_percent" => MetricKind.InvalidPercent,
            "duplicate_count" => MetricKind.DuplicateCount,
            "duplicate_percent" => MetricKind.DuplicatePercent,
            "min" => MetricKind.Min,
            "max" => MetricKind.Max,
            "avg" => MetricKind.Avg,
            "sum" => MetricKind.Sum,
            _ => MetricKind.Freshness,
        };
        var columns = metric.Groups["args"].Success ? Columns(metric.Groups["args"].Value) : [];
        if (kind != MetricKind.RowCount && columns.Count == 0)
            throw doc.Error(at, $"{metric.Groups["metric"].Value} needs a column: {metric.Groups["metric"].Value}(column)");
        if (kind == MetricKind.RowCount && columns.Count > 0) throw doc.Error(at, "row_count takes no column");
        if (columns.Count > 1 && kind is not (MetricKind.DuplicateCount or MetricKind.DuplicatePercent))
            throw doc.Error(at, $"{metric.Groups["metric"].Value} takes one column");
        var threshold = metric.Groups["threshold"].Value.Trim();
        Threshold? fail = threshold.Length == 0 ? null : ParseThreshold(doc, at, threshold, kind);
        return Build(doc, table, text, kind, columns, fail, config, at, null, []);
    }

    private static CheckDefinition Build(YamlSource doc, string table, string text, MetricKind kind, IReadOnlyList<string> columns,
        Threshold? fail, YamlMappingNode? config, YamlNode at, string? other, IReadOnlyList<string> otherColumns)
    {
        Threshold? warn = null;
        var validity = Validity.None;
        if (config is not null)
        {
            doc.OnlyKeys(config, ConfigKeys);
            if (doc.Optional(config, "fail") is { } f) fail = ParseAlert(doc, f, kind);
            if (doc.Optional(config, "warn") is { } w) warn = ParseAlert(doc, w, kind);
            validity = ParseValidity(doc, config);
        }

        if (kind is MetricKind.InvalidCount or MetricKind.InvalidPercent && !validity.DefinesValidity)
            throw doc.Error(at, $"'{text}' needs a validity rule: valid min, valid max, valid values, valid regex or valid length");
        if (kind is MetricKind.RowCountSameAs or MetricKind.Reference)
            fail ??= new Threshold("=", 0, null, "= 0");
        if (fail is null && warn is null)
            throw doc.Error(at, $"'{text}' has no threshold: write e.g. '{text} = 0', or give warn:/fail: when ...");
        var name = config is not null && doc.Optional(config, "name") is { } n ? doc.Scalar(n, "'name'") : text;
        return new CheckDefinition(table, name, kind, columns, fail, warn, validity, other, otherColumns, null, doc.File, (int)at.Start.Line);
    }

    private static CheckDefinition ParseSchema(YamlSource doc, string table, string text, YamlMappingNode? config, YamlNode at)
    {
        if (config is null) throw doc.Error(at, "schema needs fail: or warn: with 'when required column missing', 'when forbidden column present' or 'when wrong column type'");
        doc.OnlyKeys(config, "fail", "warn", "name");
        SchemaLevel? Level(string key)
        {
            if (doc.Optional(config, key) is not { } node) return null;
            var map = doc.Mapping(node, $"schema {key}");
            doc.OnlyKeys(map, "when required column missing", "when forbidden column present", "when wrong column type");
            var required = doc.Optional(map, "when required column missing") is { } r ? doc.ScalarList(r, "required columns") : [];
            var forbidden = doc.Optional(map, "when forbidden column present") is { } fb ? doc.ScalarList(fb, "forbidden columns") : [];
            var types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (doc.Optional(map, "when wrong column type") is { } t)
            {
                foreach (var (c, type) in doc.Mapping(t, "when wrong column type").Children)
                    types[doc.Scalar(c, "a column")] = doc.Scalar(type, "a type");
            }

            return new SchemaLevel(required, forbidden, types);
        }

        var rules = new SchemaRules(Level("fail"), Level("warn"));
        if (rules.Fail is null && rules.Warn is null) throw doc.Error(at, "schema needs fail: or warn:");
        return new CheckDefinition(table, text, MetricKind.Schema, [], null, null, Validity.None, null, [], rules, doc.File, (int)at.Start.Line);
    }

    private static Threshold ParseAlert(YamlSource doc, YamlNode node, MetricKind kind)
    {
        var text = doc.Scalar(node, "an alert");
        if (!text.StartsWith("when ", StringComparison.Ordinal)) throw doc.Error(node, "an alert reads 'when <op> N', e.g. 'when > 0'");
        return ParseThreshold(doc, node, text["when ".Length..].Trim(), kind) with { WhenBroken = true };
    }

    private static Threshold ParseThreshold(YamlSource doc, YamlNode at, string text, MetricKind kind)
    {
        var between = Between().Match(text);
        if (between.Success)
        {
            var low = Number(doc, at, between.Groups["a"].Value, kind);
            var high = Number(doc, at, between.Groups["b"].Value, kind);
            return new Threshold(between.Groups["not"].Success ? "not between" : "between", low, high, text);
        }

        var comparison = Comparison().Match(text);
        if (!comparison.Success) throw doc.Error(at, $"cannot read the threshold '{text}': use <, <=, =, !=, >, >= N, or between A and B");
        var op = comparison.Groups["op"].Value == "<>" ? "!=" : comparison.Groups["op"].Value;
        return new Threshold(op, Number(doc, at, comparison.Groups["value"].Value, kind), null, text);
    }

    /// <summary>A number; a percentage sign is allowed; freshness takes 1d, 12h, 30m (as hours).</summary>
    private static double Number(YamlSource doc, YamlNode at, string text, MetricKind kind)
    {
        text = text.Trim().TrimEnd('%').Trim();
        if (kind == MetricKind.Freshness)
        {
            var d = Duration().Match(text);
            if (!d.Success || d.Length == 0) throw doc.Error(at, $"a freshness threshold is a duration such as 2d, 12h or 1d6h, not '{text}'");
            double Part(string g) => d.Groups[g].Success ? double.Parse(d.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
            return Part("d") * 24 + Part("h") + Part("m") / 60;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw doc.Error(at, $"'{text}' is not a number");
    }

    private static Validity ParseValidity(YamlSource doc, YamlMappingNode config)
    {
        double? Num(string key) => doc.OptionalScalar(config, key) is { } s
            ? double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw doc.Error(doc.Optional(config, key)!, $"'{key}' must be a number")
            : null;
        int? Int(string key) => Num(key) is { } v ? (int)v : null;
        IReadOnlyList<string> List(string key) => doc.Optional(config, key) is { } n ? doc.ScalarList(n, $"'{key}'") : [];
        return new Validity(List("missing values"), Num("valid min"), Num("valid max"), List("valid values"),
            doc.OptionalScalar(config, "valid regex"), Int("valid length"), Int("valid min length"), Int("valid max length"));
    }

    private static List<string> Columns(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToLowerInvariant()).ToList();

    [GeneratedRegex(@"^checks for (?<table>[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?)$")]
    private static partial Regex ChecksFor();

    [GeneratedRegex(@"^row_count same as (?<other>[A-Za-z_][A-Za-z0-9_.]*)$")]
    private static partial Regex SameAs();

    [GeneratedRegex(@"^values in \((?<cols>[^)]+)\) must exist in (?<other>[A-Za-z_][A-Za-z0-9_.]*) \((?<ocols>[^)]+)\)$")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^(?<metric>row_count|missing_count|missing_percent|invalid_count|invalid_percent|duplicate_count|duplicate_percent|min|max|avg|sum|freshness)(\((?<args>[^)]*)\))?(?<threshold>(\s.*)?)$")]
    private static partial Regex Metric();

    [GeneratedRegex(@"^(?<not>not )?between (?<a>\S+) and (?<b>\S+)$")]
    private static partial Regex Between();

    [GeneratedRegex(@"^(?<op><=|>=|!=|<>|=|<|>)\s*(?<value>\S+(\s*%)?)$")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"^((?<d>\d+(\.\d+)?)d)?((?<h>\d+(\.\d+)?)h)?((?<m>\d+(\.\d+)?)m)?$")]
    private static partial Regex Duration();
}
