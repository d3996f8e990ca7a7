namespace HealthDw.StateMachine.Execution;

/// <summary>
/// Step Functions' rules for execution names: 1 to 80 characters, none of them whitespace, brackets
/// <c>&lt; &gt; { } [ ]</c>, wildcards <c>? *</c>, the characters <c>" # % \ ^ | ~ ` $ &amp; , ; : /</c>,
/// control characters (U+0000-001F, U+007F-009F, U+FFFE-FFFF), surrogates outside a valid pair, or U+10FFFF
/// (API Reference, StartExecution, "name").
/// </summary>
internal static class ExecutionNames
{
    private const string Forbidden = "<>{}[]?*\"#%\\^|~`$&,;:/";

    public static void Check(string name)
    {
        if (name.Length is 0 or > 80)
            throw new ArgumentException($"the execution name '{name}' must be 1 to 80 characters long", nameof(name));
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                if (char.ConvertToUtf32(c, name[++i]) == 0x10FFFF)
                    throw new ArgumentException($"the execution name '{name}' must not contain U+10FFFF", nameof(name));
                continue;
            }
            if (char.IsWhiteSpace(c) || char.IsControl(c) || (c >= '\u007f' && c <= '\u009f') || c is '\uFFFE' or '\uFFFF'
                || char.IsSurrogate(c) || Forbidden.Contains(c, StringComparison.Ordinal))
                throw new ArgumentException($"the execution name '{name}' must not contain U+{(int)c:X4}", nameof(name));
        }
    }
}
