namespace HealthDw.StateMachine;

/// <summary>A definition has <c>${Placeholders}</c> with no value to put in their place.</summary>
public sealed class DefinitionSubstitutionException(IReadOnlyList<string> missing)
    : Exception($"no value for the definition placeholder{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Select(m => "${" + m + "}"))}")
{
    /// <summary>The names without a binding, in order of first appearance.</summary>
    public IReadOnlyList<string> Missing { get; } = missing;
}
