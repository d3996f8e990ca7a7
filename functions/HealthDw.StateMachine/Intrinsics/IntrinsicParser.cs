using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Paths;

namespace HealthDw.StateMachine.Intrinsics;

/// <summary>
/// Parses an Intrinsic Function (spec, "Intrinsic Functions"): a name of A-Z, a-z, 0-9, "." and "_",
/// then arguments in parentheses separated by commas. Arguments are strings in apostrophes, numbers,
/// true, false, null, Paths or nested invocations. In strings the reserved characters
/// <c>' { } \</c> are escaped with a backslash; any other backslash is an open escape, which the
/// spec makes an error. Nesting is limited to 10 levels, as in Step Functions.
/// </summary>
internal sealed class IntrinsicParser
{
    private const int MaxDepth = 10;
    private readonly string _text;
    private int _pos;

    private IntrinsicParser(string text) => _text = text;

    /// <summary>True when the value is shaped like an invocation (a name followed by "("), as opposed to a path.</summary>
    public static bool LooksLikeCall(string value)
    {
        var trimmed = value.TrimStart();
        return trimmed.Length > 0 && char.IsAsciiLetter(trimmed[0]) && trimmed.Contains('(', StringComparison.Ordinal);
    }

    public static IntrinsicCall Parse(string text)
    {
        var parser = new IntrinsicParser(text);
        parser.SkipSpaces();
        var call = parser.ParseCall(1);
        parser.SkipSpaces();
        if (parser._pos != text.Length)
            throw parser.Error("unexpected text after the closing ')'");
        return call;
    }

    private IntrinsicCall ParseCall(int depth)
    {
        if (depth > MaxDepth)
            throw Error($"intrinsic functions can be nested at most {MaxDepth} deep");
        var name = ReadIdentifier();
        if (name.Length == 0)
            throw Error("an intrinsic function name is expected");
        if (!IntrinsicCatalog.IsKnown(name))
        {
            throw Error(name.StartsWith("States.", StringComparison.Ordinal)
                ? $"'{name}' is not an intrinsic function of the States Language"
                : $"'{name}' is not an intrinsic function (only the States.* functions are supported)");
        }
        SkipSpaces();
        Expect('(');
        var arguments = new List<IntrinsicArgument>();
        SkipSpaces();
        if (Peek() == ')')
            _pos++;
        else
        {
            while (true)
            {
                SkipSpaces();
                arguments.Add(ParseArgument(depth));
                SkipSpaces();
                if (Peek() == ',')
                {
                    _pos++;
                    continue;
                }
                Expect(')');
                break;
            }
        }
        if (IntrinsicCatalog.CheckArgumentCount(name, arguments.Count) is { } problem)
            throw Error(problem);
        return new IntrinsicCall(name, arguments);
    }

    private IntrinsicArgument ParseArgument(int depth)
    {
        var c = Peek();
        if (c == '\'')
            return ReadString();
        if (c == '$')
            return ReadPath();
        if (c == '-' || char.IsAsciiDigit(c))
            return ReadNumber();
        if (char.IsAsciiLetter(c))
        {
            var start = _pos;
            var word = ReadIdentifier();
            SkipSpaces();
            if (Peek() == '(')
            {
                _pos = start;
                return new CallArgument(ParseCall(depth + 1));
            }
            return word switch
            {
                "true" => new LiteralArgument(JsonValue.Create(true)),
                "false" => new LiteralArgument(JsonValue.Create(false)),
                "null" => new LiteralArgument(null),
                _ => throw Error($"'{word}' is not an argument (strings go in apostrophes)"),
            };
        }
        throw Error(c == '\0' ? "the invocation is not closed" : $"unexpected '{c}'");
    }

    private LiteralArgument ReadString()
    {
        _pos++; // opening apostrophe
        var raw = new StringBuilder();
        var value = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
                throw Error("a string argument is not closed");
            var c = _text[_pos];
            if (c == '\'')
            {
                _pos++;
                break;
            }
            if (c == '\\')
            {
                var next = _pos + 1 < _text.Length ? _text[_pos + 1] : '\0';
                if (next is not ('\'' or '{' or '}' or '\\'))
                    throw Error("an open escape '\\' (only \\' \\{ \\} and \\\\ are escapes)");
                raw.Append(c).Append(next);
                value.Append(next);
                _pos += 2;
                continue;
            }
            raw.Append(c);
            value.Append(c);
            _pos++;
        }
        return new LiteralArgument(JsonValue.Create(value.ToString()), raw.ToString());
    }

    private PathArgument ReadPath()
    {
        var start = _pos;
        var brackets = 0;
        char quote = '\0';
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (quote != '\0')
            {
                if (c == '\\')
                    _pos++;
                else if (c == quote)
                    quote = '\0';
            }
            else if (c is '\'' or '"' && brackets > 0)
                quote = c;
            else if (c == '[')
                brackets++;
            else if (c == ']')
                brackets--;
            else if (brackets == 0 && (c is ',' or ')'))
                break;
            _pos++;
        }
        var text = _text[start.._pos].TrimEnd();
        try
        {
            return new PathArgument(JsonPath.Parse(text));
        }
        catch (JsonPathSyntaxException e)
        {
            throw new IntrinsicSyntaxException($"invalid intrinsic function '{_text}': {e.Message}");
        }
    }

    private LiteralArgument ReadNumber()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '-' or '+' or '.' or 'e' or 'E'))
            _pos++;
        var token = _text[start.._pos];
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            throw Error($"'{token}' is not a number");
        try
        {
            return new LiteralArgument(JsonNode.Parse(token));
        }
        catch (System.Text.Json.JsonException)
        {
            throw Error($"'{token}' is not a JSON number");
        }
    }

    private string ReadIdentifier()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '.' or '_'))
            _pos++;
        return _text[start.._pos];
    }

    private void Expect(char c)
    {
        if (Peek() != c)
            throw Error(Peek() == '\0' ? $"'{c}' is missing" : $"'{c}' was expected, not '{Peek()}'");
        _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            _pos++;
    }

    private IntrinsicSyntaxException Error(string reason) =>
        new($"invalid intrinsic function '{_text}' at character {_pos + 1}: {reason}");
}
