using System.Text.RegularExpressions;
using HealthDw.Core.Configuration;

namespace HealthDw.Core.Models;

/// <summary>
/// Parses the small, dbt-like template language of model files: <c>{{ name(args) }}</c> calls,
/// <c>{{ this }}</c>, and <c>{% if is_incremental() %} ... {% else %} ... {% endif %}</c>.
/// Anything else in braces is an error with the file, line and column.
/// </summary>
public static partial class TemplateParser
{
    public static IReadOnlyList<TemplatePart> Parse(string file, string text)
    {
        var position = 0;
        var parts = ParseUntil(file, text, ref position, stopAtElseOrEnd: false, out _);
        return parts;
    }

    private static List<TemplatePart> ParseUntil(string file, string text, ref int position, bool stopAtElseOrEnd, out string? stoppedAt)
    {
        var parts = new List<TemplatePart>();
        stoppedAt = null;
        while (position < text.Length)
        {
            var open = text.IndexOf('{', position);
            while (open >= 0 && open + 1 < text.Length && text[open + 1] is not ('{' or '%')) open = text.IndexOf('{', open + 1);
            if (open < 0 || open + 1 >= text.Length)
            {
                parts.Add(new TextPart(LineOf(text, position), text[position..]));
                position = text.Length;
                break;
            }

            if (open > position) parts.Add(new TextPart(LineOf(text, position), text[position..open]));
            var isBlock = text[open + 1] == '%';
            var close = text.IndexOf(isBlock ? "%}" : "}}", open + 2, StringComparison.Ordinal);
            var (line, column) = (LineOf(text, open), ColumnOf(text, open));
            if (close < 0)
                throw new ConfigException(file, line, column, $"'{text.Substring(open, 2)}' is never closed");
            var inner = text[(open + 2)..close].Trim();
            position = close + 2;

            if (!isBlock)
            {
                parts.Add(ParseCall(file, line, column, inner));
                continue;
            }

            switch (inner)
            {
                case "if is_incremental()":
                    var then = ParseUntil(file, text, ref position, stopAtElseOrEnd: true, out var stop);
                    List<TemplatePart> otherwise = [];
                    if (stop == "else") otherwise = ParseUntil(file, text, ref position, stopAtElseOrEnd: true, out stop);
                    if (stop != "endif") throw new ConfigException(file, line, column, "'{% if is_incremental() %}' has no '{% endif %}'");
                    parts.Add(new IncrementalPart(line, then, otherwise));
                    break;
                case "else" or "endif" when stopAtElseOrEnd:
                    stoppedAt = inner;
                    return parts;
                default:
                    throw new ConfigException(file, line, column,
                        $"unsupported block '{{% {inner} %}}': the only block is {{% if is_incremental() %}} ... {{% else %}} ... {{% endif %}}");
            }
        }

        return parts;
    }

    private static CallPart ParseCall(string file, int line, int column, string inner)
    {
        var m = Call().Match(inner);
        if (!m.Success)
            throw new ConfigException(file, line, column, $"cannot read '{{{{ {inner} }}}}': expected a call such as {{{{ ref('model') }}}}");
        var args = new List<TemplateValue>();
        var named = new Dictionary<string, TemplateValue>(StringComparer.Ordinal);
        var argText = m.Groups["args"].Value;
        var at = 0;
        while (at < argText.Length)
        {
            var argMatch = Argument().Match(argText, at);
            if (!argMatch.Success || argMatch.Index != at)
                throw new ConfigException(file, line, column, $"cannot read the arguments of {m.Groups["name"].Value}(...): use quoted strings, numbers or [lists]");
            var value = argMatch.Groups["list"].Success
                ? new TemplateValue(null, Strings().Matches(argMatch.Groups["list"].Value).Select(s => Unquote(s.Value)).ToList())
                : argMatch.Groups["call"].Success
                    ? new TemplateValue(null, null, argMatch.Groups["call"].Value)
                    : new TemplateValue(Unquote(argMatch.Groups["value"].Value), null);
            if (argMatch.Groups["key"].Success) named[argMatch.Groups["key"].Value] = value;
            else args.Add(value);
            at = argMatch.Index + argMatch.Length;
        }

        return new CallPart(line, column, m.Groups["name"].Value, args, named);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] is '\'' or '"' && value[^1] == value[0] ? value[1..^1] : value;

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static int ColumnOf(string text, int index) => index - text.LastIndexOf('\n', Math.Max(0, index - 1)) ;

    [GeneratedRegex(@"^(?<name>[a-z_][a-z0-9_]*)\s*(\((?<args>.*)\))?$", RegexOptions.Singleline)]
    private static partial Regex Call();

    [GeneratedRegex(@"\s*((?<key>[a-z_][a-z0-9_]*)\s*=\s*)?((?<list>\[[^\]]*\])|(?<call>[a-z_][a-z0-9_]*)\(\)|(?<value>'[^']*'|""[^""]*""|-?\d+(\.\d+)?))\s*(,|$)")]
    private static partial Regex Argument();

    [GeneratedRegex(@"'[^']*'|""[^""]*""")]
    private static partial Regex Strings();
}
