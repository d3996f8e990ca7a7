using System.Text.RegularExpressions;

namespace HealthDw.Infra.Workflows;

/// <summary>
/// One statemachine/*.asl.json, deployed as written: the same file the local interpreter runs. Its
/// <c>${Placeholder}</c>s are bound at deploy time through DefinitionSubstitutions.
/// </summary>
public sealed partial record AslFile(string Name, string Definition)
{
    public IReadOnlySet<string> Placeholders { get; } =
        Placeholder().Matches(Definition).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    public static AslFile Load(RepoLayout layout, string name)
    {
        var path = layout.StateMachineDefinition(name);
        return File.Exists(path) ? new AslFile(name, File.ReadAllText(path)) : throw new InvalidOperationException($"no state machine definition at {path}");
    }

    /// <summary>The value of every placeholder the file uses; one the bindings lack stops the synthesis.</summary>
    public Dictionary<string, string> Substitutions(IReadOnlyDictionary<string, string> bindings)
    {
        var missing = Placeholders.Where(p => !bindings.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"statemachine/{Name}.asl.json uses ${{{string.Join("}, ${", missing)}}} with no binding in the CDK app");
        return Placeholders.ToDictionary(p => p, p => bindings[p], StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
