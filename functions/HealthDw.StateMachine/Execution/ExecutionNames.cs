namespace HealthDw.StateMachine.Execution;

/// <summary>
/// Step Functions' rules for execution names: 1 to 80 characters, none of them whitespace, brackets
/// <c>&lt; &gt; { } [ ]</c>, wildcards <c>? *</c>, the characters <c>" # % \ ^ | ~ ` $ &amp; , ; : /</c>
/// or control characters.
/// </summary>
internal static class ExecutionNames
{
    private const string Forbidden = "<>{}[]?*\"#%\\^|~`$&,;:/";

    public static void Check(string name)
    {
        if (name.Length is 0 or > 80)
            throw new ArgumentException($"the execution name '{name}' must be 1 to 80 characters long", nameof(name));
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || (c >= '\u007f' && c <= '\u009f') || Forbidden.Contains(c, StringComparison.Ordinal))
                throw new ArgumentException($"the execution name '{name}' must not contain '{c}'", nameof(name));
        }
    }
}
