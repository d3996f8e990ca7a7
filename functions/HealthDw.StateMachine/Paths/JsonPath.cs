using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.Paths;

/// <summary>
/// A parsed ASL Path (spec, "Paths"): a JSONPath beginning with <c>$</c>, or with <c>$$</c> to address
/// the Context Object. A path is definite when every step names one field or one index; a definite
/// path yields one value or nothing, an indefinite one yields an array of every match (possibly empty),
/// as Jayway JsonPath, which the spec names, does.
/// </summary>
internal sealed class JsonPath
{
    private JsonPath(string text, bool isContextPath, IReadOnlyList<PathSegment> segments)
    {
        Text = text;
        IsContextPath = isContextPath;
        Segments = segments;
        IsDefinite = segments.All(s => s.IsDefinite);
    }

    public static JsonPath Root { get; } = new("$", false, []);

    public string Text { get; }

    /// <summary>True for <c>$$...</c>: the path applies to the Context Object.</summary>
    public bool IsContextPath { get; }

    public IReadOnlyList<PathSegment> Segments { get; }

    public bool IsDefinite { get; }

    /// <summary>
    /// True for a Reference Path (spec, "Reference Paths"): only field and index steps, so that it can
    /// identify a single node.
    /// </summary>
    public bool IsReferencePath => IsDefinite;

    public static JsonPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var isContext = trimmed.StartsWith("$$", StringComparison.Ordinal);
        var parser = new JsonPathParser(isContext ? trimmed[1..] : trimmed);
        return new JsonPath(text, isContext, parser.ParseWhole());
    }

    public static bool TryParse(string text, out JsonPath? path, out string? error)
    {
        try
        {
            path = Parse(text);
            error = null;
            return true;
        }
        catch (JsonPathSyntaxException e)
        {
            path = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// The value the path selects: the single match of a definite path, or a new array of all the
    /// matches of an indefinite one. False when a definite path matches nothing. The value is a
    /// node of <paramref name="root"/> for definite paths; copy it before putting it in another tree.
    /// </summary>
    public bool TrySelect(JsonNode? root, out JsonNode? value)
    {
        var matches = PathEvaluator.Select(root, Segments, root);
        if (IsDefinite)
        {
            value = matches.Count == 1 ? matches[0] : null;
            return matches.Count == 1;
        }
        var array = new JsonArray();
        foreach (var match in matches)
            array.Add(match?.DeepClone());
        value = array;
        return true;
    }

    public override string ToString() => Text;
}
