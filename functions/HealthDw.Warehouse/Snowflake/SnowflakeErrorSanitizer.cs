using System.Text;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// Turns a Snowflake error message into text that may leave the warehouse (logs, Slack, execution history,
/// error reports). Snowflake quotes the offending value in its messages — <c>Numeric value '123-45-6789' is not
/// recognized</c> — and a COPY's <c>first_error</c> is such a message, so both can carry patient data. What is kept:
/// the rule (the message template, with every single-quoted value replaced by <c>'?'</c> and every double-quoted
/// fragment that contains a space, i.e. SQL text, replaced by <c>"?"</c>), the position lines (file, line,
/// character, row, column name) and Snowflake's loading hint. Unquoted payloads after <c>Error parsing ...:</c>
/// are cut, with any continuation lines. Every line is capped at <see cref="MaxLineLength"/> characters.
/// </summary>
public static class SnowflakeErrorSanitizer
{
    public const int MaxLineLength = 240;

    private const string NoMessage = "(no message)";

    /// <summary>The whole message, sanitised line by line.</summary>
    public static string Sanitize(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
            return NoMessage;

        var kept = new List<string>();
        var dropContinuation = false;
        var lines = message.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0)
                continue;
            if (kept.Count > 0 && IsPositionOrHint(line))
            {
                kept.Add(Cap(line));
                dropContinuation = false;
                continue;
            }

            if (dropContinuation)
                continue;
            kept.Add(SanitizeLine(line, out dropContinuation));
        }

        return kept.Count == 0 ? NoMessage : string.Join('\n', kept);
    }

    /// <summary>
    /// The rule alone (the first line, sanitised), prefixed with Snowflake's error code when there is one:
    /// <c>100038: Numeric value '?' is not recognized</c>.
    /// </summary>
    public static string RuleText(string? code, string? message)
    {
        var first = Sanitize(message).Split('\n')[0];
        return string.IsNullOrWhiteSpace(code) ? first : code.Trim() + ": " + first;
    }

    private static bool IsPositionOrHint(string line) =>
        SnowflakeErrorPatterns.FileLine().IsMatch(line)
        || SnowflakeErrorPatterns.RowLine().IsMatch(line)
        || line.TrimStart().StartsWith(SnowflakeErrorPatterns.LoadingHint, StringComparison.Ordinal);

    private static string SanitizeLine(string line, out bool truncated)
    {
        var payload = SnowflakeErrorPatterns.PayloadAfterColon().Match(line);
        if (payload.Success)
        {
            truncated = true;
            return Cap(payload.Groups["head"].Value + ": ?");
        }

        return Cap(StripQuoted(line, out truncated));
    }

    private static string StripQuoted(string line, out bool truncated)
    {
        truncated = false;
        var text = new StringBuilder(line.Length);
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == '\'' && OpensQuote(line, i))
            {
                var close = ClosingQuote(line, i + 1);
                if (close < 0)
                {
                    // An unterminated quote: everything after it may be the value.
                    text.Append("'?");
                    truncated = true;
                    break;
                }

                text.Append("'?'");
                i = close + 1;
                continue;
            }

            if (c == '"')
            {
                var close = line.IndexOf('"', i + 1);
                if (close < 0)
                {
                    text.Append("\"?");
                    truncated = true;
                    break;
                }

                if (line.AsSpan(i + 1, close - i - 1).ContainsAny(" \t"))
                    text.Append("\"?\"");
                else
                    text.Append(line, i, close - i + 1);
                i = close + 1;
                continue;
            }

            text.Append(c);
            i++;
        }

        return text.ToString();
    }

    /// <summary>A quote right after a letter or digit is an apostrophe ("can't"), not the start of a value.</summary>
    private static bool OpensQuote(string line, int index) => index == 0 || !char.IsLetterOrDigit(line[index - 1]);

    /// <summary>The quote that ends a value: not doubled (<c>''</c> is an escaped quote) and not followed by a letter or digit.</summary>
    private static int ClosingQuote(string line, int from)
    {
        for (var i = from; i < line.Length; i++)
        {
            if (line[i] != '\'')
                continue;
            if (i + 1 < line.Length && line[i + 1] == '\'')
            {
                i++;
                continue;
            }

            if (i + 1 == line.Length || !char.IsLetterOrDigit(line[i + 1]))
                return i;
        }

        return -1;
    }

    private static string Cap(string line) => line.Length <= MaxLineLength ? line : line[..(MaxLineLength - 1)] + "…";
}
