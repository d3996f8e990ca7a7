using HealthDw.StateMachine.Execution;

namespace HealthDw.StateMachine.Choice;

/// <summary>
/// StringMatches (spec, "Choice State"): "*" matches zero or more characters and nothing else is
/// special; <c>\*</c> is a literal star and <c>\\</c> a literal backslash. Any other backslash is an
/// open escape, a runtime error (<c>States.Runtime</c>) as the spec says.
/// </summary>
internal static class StringPattern
{
    public static bool Matches(string value, string pattern)
    {
        var tokens = Tokenize(pattern);
        return Match(value, 0, tokens, 0);
    }

    /// <summary>The pattern as characters; a null character stands for an unescaped "*".</summary>
    private static List<char?> Tokenize(string pattern)
    {
        var tokens = new List<char?>();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                var next = i + 1 < pattern.Length ? pattern[i + 1] : '\0';
                if (next is not ('*' or '\\'))
                    throw StatesErrorException.Runtime($"StringMatches pattern '{pattern}' has an open escape '\\' at character {i + 1}; only \\* and \\\\ are escapes.");
                tokens.Add(next);
                i++;
            }
            else
                tokens.Add(c == '*' ? null : c);
        }
        return tokens;
    }

    private static bool Match(string value, int v, List<char?> tokens, int t)
    {
        // Iterative glob matching with backtracking to the last star.
        int starToken = -1, starValue = -1;
        while (v < value.Length)
        {
            if (t < tokens.Count && tokens[t] is { } literal && literal == value[v])
            {
                v++;
                t++;
            }
            else if (t < tokens.Count && tokens[t] is null)
            {
                starToken = t++;
                starValue = v;
            }
            else if (starToken >= 0)
            {
                t = starToken + 1;
                v = ++starValue;
            }
            else
                return false;
        }
        while (t < tokens.Count && tokens[t] is null)
            t++;
        return t == tokens.Count;
    }
}
