namespace HealthDw.Core.Routing;

/// <summary>
/// A drop id names its publish execution, <c>drop-&lt;id&gt;</c>, so it must be a name Step Functions accepts
/// (Step Functions API Reference, StartExecution, "name": 1 to 80 characters; none of whitespace,
/// <c>&lt; &gt; { } [ ]</c>, <c>? *</c>, <c>" # % \ ^ | ~ ` $ &amp; , ; : /</c>, control characters U+0000-001F,
/// U+007F-009F, U+FFFE-FFFF, surrogates U+D800-DFFF, or U+10FFFF). A refused name would fail Start Publish Drop
/// with StepFunctions.InvalidNameException after the file is already loaded.
/// </summary>
public static class DropIds
{
    public const string ExecutionNamePrefix = "drop-";

    /// <summary>The longest drop id whose execution name fits in 80 characters.</summary>
    public const int MaxLength = 80 - 5;

    private const string Refused = "<>{}[]?*\"#%\\^|~`$&,;:/";

    /// <summary>True when <paramref name="c"/> may appear in an execution name (a surrogate only within a valid pair).</summary>
    public static bool IsAllowed(char c) =>
        !char.IsWhiteSpace(c) && !char.IsControl(c) && c is not ('\uFFFE' or '\uFFFF') && !Refused.Contains(c, StringComparison.Ordinal);

    /// <summary>Why <paramref name="dropId"/> cannot name an execution, or null when it can.</summary>
    public static string? Problem(string dropId)
    {
        ArgumentNullException.ThrowIfNull(dropId);
        if (dropId.Length is 0 or > MaxLength)
            return $"a drop id must be 1 to {MaxLength} characters long (the execution name {ExecutionNamePrefix}<id> is at most 80), not {dropId.Length}";
        for (var i = 0; i < dropId.Length; i++)
        {
            var c = dropId[i];
            if (char.IsHighSurrogate(c) && i + 1 < dropId.Length && char.IsLowSurrogate(dropId[i + 1]))
            {
                if (char.ConvertToUtf32(c, dropId[++i]) == 0x10FFFF)
                    return "a drop id must not contain U+10FFFF";
                continue;
            }
            if (char.IsSurrogate(c) || !IsAllowed(c))
                return $"a drop id must not contain {Describe(c)}, which Step Functions refuses in an execution name";
        }
        return null;
    }

    public static string Describe(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c) || c > '\u007e'
            ? $"U+{(int)c:X4}"
            : $"'{c}'";
}
