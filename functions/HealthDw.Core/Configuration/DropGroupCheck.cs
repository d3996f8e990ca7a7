using HealthDw.Core.Routing;

namespace HealthDw.Core.Configuration;

/// <summary>
/// Proves, when routes.yml is loaded, that a pattern's <c>(?&lt;drop&gt;...)</c> group cannot capture a character
/// that Step Functions refuses in an execution name (<see cref="DropIds"/>). The group may use literal characters,
/// escaped literals, <c>\d</c>, <c>\w</c> (neither matches a refused character), character classes of those
/// (not negated, no subtraction), groups, alternation, anchors and quantifiers. Anything else (<c>.</c>, <c>\S</c>,
/// <c>\W</c>, <c>[^...]</c>, <c>\p{...}</c>, back references ...) can match a refused character, or is not simple
/// enough to prove, and is refused. The captured id's length is checked when a file is routed.
/// </summary>
internal static class DropGroupCheck
{
    /// <summary>Why the drop group of <paramref name="pattern"/> might capture a refused character, or null.</summary>
    public static string? Problem(string pattern)
    {
        var body = DropGroup(pattern);
        if (body is null)
            return "no (?<drop>...) group was found";
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            switch (c)
            {
                case '\\':
                    if (i + 1 >= body.Length)
                        return "the group ends with a lone backslash";
                    if (Escape(body[++i]) is { } escapeProblem)
                        return escapeProblem;
                    break;
                case '[':
                    var end = ClassEnd(body, i);
                    if (end < 0)
                        return "a character class is not closed";
                    if (Class(body[(i + 1)..end]) is { } classProblem)
                        return classProblem;
                    i = end;
                    break;
                case '(':
                    // Group openings: (, (?:, (?<name>, (?'name', lookarounds, inline options. Their text is syntax.
                    if (i + 1 < body.Length && body[i + 1] == '?')
                    {
                        i = OpeningEnd(body, i);
                        if (i < 0)
                            return "a group's opening is not simple enough to prove safe";
                    }
                    break;
                case ')' or '|' or '^' or '$' or '*' or '+' or '?':
                    break;
                case '{':
                    var quantifierEnd = body.IndexOf('}', i);
                    if (quantifierEnd < 0 || !IsQuantifier(body[(i + 1)..quantifierEnd]))
                        return $"it can capture {DropIds.Describe('{')}";
                    i = quantifierEnd;
                    break;
                case '.':
                    return "'.' can capture any character, including ones Step Functions refuses (say ':' or a space); use a character class such as [0-9A-Za-z_-]";
                default:
                    if (!DropIds.IsAllowed(c))
                        return $"it can capture {DropIds.Describe(c)}";
                    break;
            }
        }
        return null;
    }

    /// <summary>The index of the last character of a "(?...)" group opening at <paramref name="open"/>, or -1.</summary>
    private static int OpeningEnd(string body, int open)
    {
        var i = open + 2;
        if (i >= body.Length) return -1;
        return body[i] switch
        {
            ':' or '=' or '!' => i,
            '<' when i + 1 < body.Length && body[i + 1] is '=' or '!' => i + 1,
            '<' => body.IndexOf('>', i),
            '\'' => body.IndexOf('\'', i + 1),
            _ => body.IndexOfAny([':', ')'], i),
        };
    }

    /// <summary>The text inside the drop group's parentheses.</summary>
    private static string? DropGroup(string pattern)
    {
        var start = pattern.IndexOf("(?<drop>", StringComparison.Ordinal);
        var open = "(?<drop>".Length;
        if (start < 0)
        {
            start = pattern.IndexOf("(?'drop'", StringComparison.Ordinal);
            if (start < 0) return null;
        }
        var depth = 1;
        for (var i = start + open; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    var end = ClassEnd(pattern, i);
                    if (end < 0) return null;
                    i = end;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    if (--depth == 0) return pattern[(start + open)..i];
                    break;
            }
        }
        return null;
    }

    /// <summary>The index of the ']' that closes the class opened at <paramref name="open"/>, or -1.</summary>
    private static int ClassEnd(string text, int open)
    {
        var i = open + 1;
        if (i < text.Length && text[i] == '^') i++;
        if (i < text.Length && text[i] == ']') i++;
        for (; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == ']') return i;
        }
        return -1;
    }

    private static string? Escape(char c) => c switch
    {
        'd' or 'w' => null,
        'b' or 'B' or 'A' or 'z' or 'Z' or 'G' => null, // anchors capture nothing
        's' or 'S' or 'W' or 'D' => $"\\{c} can capture characters Step Functions refuses in an execution name",
        'p' or 'P' or 'k' or 'x' or 'u' or 'c' or '0' => $"\\{c} is not simple enough to prove safe; list the characters in a class instead",
        _ when char.IsAsciiDigit(c) => "a back reference is not simple enough to prove safe",
        't' or 'n' or 'r' or 'f' or 'v' or 'e' or 'a' => $"\\{c} captures a control character",
        _ => DropIds.IsAllowed(c) ? null : $"it can capture {DropIds.Describe(c)}",
    };

    private static string? Class(string inner)
    {
        if (inner.StartsWith('^'))
            return "a negated class [^...] can capture characters Step Functions refuses; list the allowed characters instead";
        var members = new List<char>();
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if (c == '\\')
            {
                if (i + 1 >= inner.Length) return "a class ends with a lone backslash";
                var e = inner[++i];
                if (e is 'd' or 'w') continue;
                if (char.IsAsciiLetterOrDigit(e) || e == '_')
                    return Escape(e) ?? $"\\{e} in a class is not simple enough to prove safe";
                c = e;
            }
            else if (c == '-' && i + 1 < inner.Length && inner[i + 1] == '[')
                return "class subtraction is not simple enough to prove safe";
            if (c == '-' && members.Count > 0 && i + 1 < inner.Length)
            {
                var from = members[^1];
                var to = inner[++i];
                if (to == '\\')
                {
                    if (i + 1 >= inner.Length) return "a class ends with a lone backslash";
                    to = inner[++i];
                }
                for (var x = (int)from; x <= to; x++)
                {
                    if (!DropIds.IsAllowed((char)x) || char.IsSurrogate((char)x))
                        return $"the range {DropIds.Describe(from)}-{DropIds.Describe(to)} includes {DropIds.Describe((char)x)}";
                }
                continue;
            }
            if (!DropIds.IsAllowed(c))
                return $"it can capture {DropIds.Describe(c)}";
            members.Add(c);
        }
        return null;
    }

    private static bool IsQuantifier(string inside)
    {
        var parts = inside.Split(',');
        return parts.Length is 1 or 2 && parts[0].Length > 0 && parts[0].All(char.IsAsciiDigit)
            && (parts.Length == 1 || parts[1].All(char.IsAsciiDigit));
    }
}
