using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HealthDw.StateMachine;

/// <summary>
/// The <c>${Name}</c> placeholders that CloudFormation's DefinitionSubstitutions (SAM and CDK alike)
/// replace at deploy time. Names are letters, digits and underscores. Values are escaped for a JSON
/// string, since placeholders stand inside strings such as Resource ARNs.
/// </summary>
public static partial class DefinitionSubstitutions
{
    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>Replaces every placeholder; throws <see cref="DefinitionSubstitutionException"/> naming all those without a value.</summary>
    public static string Apply(string definitionJson, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(definitionJson);
        ArgumentNullException.ThrowIfNull(values);
        var missing = Placeholders(definitionJson).Where(name => !values.ContainsKey(name)).ToList();
        if (missing.Count > 0)
            throw new DefinitionSubstitutionException(missing);
        return Placeholder().Replace(definitionJson, match =>
            JsonEncodedText.Encode(values[match.Groups[1].Value], JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString());
    }

    /// <summary>The distinct placeholder names of a definition, in order of first appearance.</summary>
    public static IReadOnlyList<string> Placeholders(string definitionJson)
    {
        ArgumentNullException.ThrowIfNull(definitionJson);
        return Placeholder().Matches(definitionJson).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
    }
}
