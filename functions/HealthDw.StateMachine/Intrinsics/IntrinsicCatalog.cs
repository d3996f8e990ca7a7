using System.Collections.Frozen;

namespace HealthDw.StateMachine.Intrinsics;

/// <summary>The intrinsic functions of the spec's Appendix B and how many arguments each takes.</summary>
internal static class IntrinsicCatalog
{
    private static readonly FrozenDictionary<string, (int Min, int Max)> Arity = new Dictionary<string, (int Min, int Max)>(StringComparer.Ordinal)
    {
        ["States.Format"] = (1, int.MaxValue),
        ["States.StringToJson"] = (1, 1),
        ["States.JsonToString"] = (1, 1),
        ["States.Array"] = (0, int.MaxValue),
        ["States.ArrayPartition"] = (2, 2),
        ["States.ArrayContains"] = (2, 2),
        ["States.ArrayRange"] = (3, 3),
        ["States.ArrayGetItem"] = (2, 2),
        ["States.ArrayLength"] = (1, 1),
        ["States.ArrayUnique"] = (1, 1),
        ["States.Base64Encode"] = (1, 1),
        ["States.Base64Decode"] = (1, 1),
        ["States.Hash"] = (2, 2),
        ["States.JsonMerge"] = (3, 3),
        ["States.MathRandom"] = (2, 3),
        ["States.MathAdd"] = (2, 2),
        ["States.StringSplit"] = (2, 2),
        ["States.UUID"] = (0, 0),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsKnown(string name) => Arity.ContainsKey(name);

    /// <summary>Null when the count fits, otherwise why it does not.</summary>
    public static string? CheckArgumentCount(string name, int count)
    {
        var (min, max) = Arity[name];
        if (count >= min && count <= max)
            return null;
        var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
        return $"{name} takes {expected} argument{(max == 1 && min == 1 ? "" : "s")}, not {count}";
    }
}
