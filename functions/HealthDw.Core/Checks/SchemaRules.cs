namespace HealthDw.Core.Checks;

/// <summary>A schema check's rules, per alert level.</summary>
public sealed record SchemaRules(SchemaLevel? Fail, SchemaLevel? Warn);

/// <param name="Types">Column → expected type, compared as the contract's type names (bigint, varchar, timestamp...).</param>
public sealed record SchemaLevel(IReadOnlyList<string> Required, IReadOnlyList<string> Forbidden, IReadOnlyDictionary<string, string> Types);
