using System.Collections.Frozen;

namespace HealthDw.StateMachine.Choice;

/// <summary>What a data-test operator compares: its family and relation, or the type test it makes.</summary>
internal sealed record ComparisonOperator(string Name, OperatorFamily Family, Relation Relation, bool UsesPath)
{
    private static readonly FrozenDictionary<string, ComparisonOperator> ByName = Build().ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryGet(string name, out ComparisonOperator? op) => ByName.TryGetValue(name, out op);

    public static IEnumerable<string> Names => ByName.Keys;

    private static Dictionary<string, ComparisonOperator> Build()
    {
        var all = new Dictionary<string, ComparisonOperator>(StringComparer.Ordinal);
        var relations = new[]
        {
            ("Equals", Relation.Equals), ("LessThan", Relation.LessThan), ("GreaterThan", Relation.GreaterThan),
            ("LessThanEquals", Relation.LessThanEquals), ("GreaterThanEquals", Relation.GreaterThanEquals),
        };
        foreach (var family in new[] { OperatorFamily.String, OperatorFamily.Numeric, OperatorFamily.Timestamp })
        {
            foreach (var (suffix, relation) in relations)
            {
                var name = family + suffix;
                all[name] = new ComparisonOperator(name, family, relation, false);
                all[name + "Path"] = new ComparisonOperator(name + "Path", family, relation, true);
            }
        }
        all["BooleanEquals"] = new("BooleanEquals", OperatorFamily.Boolean, Relation.Equals, false);
        all["BooleanEqualsPath"] = new("BooleanEqualsPath", OperatorFamily.Boolean, Relation.Equals, true);
        all["StringMatches"] = new("StringMatches", OperatorFamily.StringMatches, Relation.Equals, false);
        foreach (var test in new[] { "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp" })
            all[test] = new(test, OperatorFamily.TypeTest, Relation.Equals, false);
        return all;
    }
}

internal enum OperatorFamily
{
    String,
    Numeric,
    Boolean,
    Timestamp,
    StringMatches,
    TypeTest,
}

internal enum Relation
{
    Equals,
    LessThan,
    GreaterThan,
    LessThanEquals,
    GreaterThanEquals,
}
