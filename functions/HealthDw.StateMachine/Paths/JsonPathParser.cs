using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.Paths;

/// <summary>
/// Parses the JSONPath subset the interpreter supports: <c>$</c>, <c>.name</c> (a backslash escapes
/// the next character, as in the spec's Reference Path examples), <c>['name']</c>, <c>[n]</c>,
/// <c>[-n]</c>, unions, slices, <c>*</c>, <c>..</c> and simple filters. Functions such as
/// <c>length()</c> are refused.
/// </summary>
internal sealed class JsonPathParser(string text)
{
    private readonly string _text = text;
    private int _pos;

    public List<PathSegment> ParseWhole()
    {
        if (_text.Length == 0 || _text[0] != '$')
            throw Error("a path must begin with '$'");
        _pos = 1;
        var segments = ParseSegments(inFilter: false);
        if (_pos != _text.Length)
            throw Error($"unexpected '{_text[_pos]}'");
        return segments;
    }

    private List<PathSegment> ParseSegments(bool inFilter)
    {
        var segments = new List<PathSegment>();
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '.')
            {
                if (Peek(1) == '.')
                {
                    _pos += 2;
                    segments.Add(new DescendantSegment(ParseStepAfterDot(inFilter)));
                }
                else
                {
                    _pos++;
                    segments.Add(ParseStepAfterDot(inFilter));
                }
            }
            else if (c == '[')
                segments.Add(ParseBracket());
            else if (inFilter)
                break;
            else
                throw Error($"unexpected '{c}'");
        }
        return segments;
    }

    private PathSegment ParseStepAfterDot(bool inFilter)
    {
        if (_pos >= _text.Length)
            throw Error("the path ends after '.'");
        if (_text[_pos] == '*')
        {
            _pos++;
            return new WildcardSegment();
        }
        if (_text[_pos] == '[')
            return ParseBracket();
        return new FieldSegment(ReadName(inFilter));
    }

    private string ReadName(bool inFilter)
    {
        var name = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\\')
            {
                if (_pos + 1 >= _text.Length)
                    throw Error("the path ends with an escape character");
                name.Append(_text[_pos + 1]);
                _pos += 2;
                continue;
            }
            if (c is '.' or '[')
                break;
            if (inFilter && (char.IsWhiteSpace(c) || c is ')' or '=' or '!' or '<' or '>' or '&' or '|'))
                break;
            if (c == '(')
                throw Error($"functions such as '{name}()' are not supported");
            name.Append(c);
            _pos++;
        }
        if (name.Length == 0)
            throw Error("a field name is empty");
        return name.ToString();
    }

    private PathSegment ParseBracket()
    {
        _pos++; // [
        SkipSpaces();
        if (_pos >= _text.Length)
            throw Error("'[' is not closed");
        var c = _text[_pos];
        PathSegment segment;
        if (c == '*')
        {
            _pos++;
            segment = new WildcardSegment();
        }
        else if (c == '?')
        {
            _pos++;
            SkipSpaces();
            Expect('(');
            var filter = ParseOr();
            SkipSpaces();
            Expect(')');
            segment = new FilterSegment(filter);
        }
        else if (c is '\'' or '"')
        {
            var names = new List<string> { ReadQuoted() };
            SkipSpaces();
            while (Peek(0) == ',')
            {
                _pos++;
                SkipSpaces();
                names.Add(ReadQuoted());
                SkipSpaces();
            }
            segment = names.Count == 1 ? new FieldSegment(names[0]) : new FieldUnionSegment(names);
        }
        else
        {
            var close = _text.IndexOf(']', _pos);
            if (close < 0)
                throw Error("'[' is not closed");
            var content = _text[_pos..close].Replace(" ", "", StringComparison.Ordinal);
            _pos = close;
            segment = content.Contains(':', StringComparison.Ordinal) ? ParseSlice(content) : ParseIndexes(content);
        }
        SkipSpaces();
        Expect(']');
        return segment;
    }

    private PathSegment ParseIndexes(string content)
    {
        var parts = content.Split(',');
        var indexes = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                throw Error($"'[{content}]' is not an index, a slice, a quoted name, '*' or a filter");
            indexes.Add(index);
        }
        return indexes.Count == 1 ? new IndexSegment(indexes[0]) : new IndexUnionSegment(indexes);
    }

    private SliceSegment ParseSlice(string content)
    {
        var parts = content.Split(':');
        if (parts.Length > 3)
            throw Error($"'[{content}]' is not a slice");
        int? Bound(string s)
        {
            if (s.Length == 0)
                return null;
            if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                throw Error($"'[{content}]' is not a slice");
            return value;
        }
        var step = parts.Length == 3 ? Bound(parts[2]) ?? 1 : 1;
        if (step == 0)
            throw Error("a slice step cannot be 0");
        return new SliceSegment(Bound(parts[0]), Bound(parts[1]), step);
    }

    private string ReadQuoted()
    {
        var quote = _text[_pos];
        if (quote is not ('\'' or '"'))
            throw Error("a quoted name was expected");
        _pos++;
        var value = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] != quote)
        {
            if (_text[_pos] == '\\' && _pos + 1 < _text.Length)
            {
                value.Append(_text[_pos + 1]);
                _pos += 2;
                continue;
            }
            value.Append(_text[_pos++]);
        }
        if (_pos >= _text.Length)
            throw Error("a quoted name is not closed");
        _pos++;
        return value.ToString();
    }

    private FilterExpression ParseOr()
    {
        var left = ParseAnd();
        while (TryConsume("||"))
            left = new OrFilter(left, ParseAnd());
        return left;
    }

    private FilterExpression ParseAnd()
    {
        var left = ParseUnary();
        while (TryConsume("&&"))
            left = new AndFilter(left, ParseUnary());
        return left;
    }

    private FilterExpression ParseUnary()
    {
        SkipSpaces();
        if (Peek(0) == '!' && Peek(1) != '=')
        {
            _pos++;
            return new NotFilter(ParseUnary());
        }
        if (Peek(0) == '(')
        {
            _pos++;
            var inner = ParseOr();
            SkipSpaces();
            Expect(')');
            return inner;
        }
        var left = ParseOperand();
        SkipSpaces();
        foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
        {
            if (TryConsume(op))
                return new ComparisonFilter(left, op, ParseOperand());
        }
        if (Peek(0) == '=')
            throw Error("only == != < <= > >= are supported in filters");
        return new ExistsFilter(left);
    }

    private FilterOperand ParseOperand()
    {
        SkipSpaces();
        var c = Peek(0);
        if (c is '@' or '$')
        {
            _pos++;
            return new PathOperand(c == '@', ParseSegments(inFilter: true));
        }
        if (c is '\'' or '"')
            return new LiteralOperand(JsonValue.Create(ReadQuoted()));
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '-' or '+' or '.'))
            _pos++;
        var token = _text[start.._pos];
        return token switch
        {
            "true" => new LiteralOperand(JsonValue.Create(true)),
            "false" => new LiteralOperand(JsonValue.Create(false)),
            "null" => new LiteralOperand(null),
            _ when double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _) =>
                new LiteralOperand(JsonNode.Parse(token)),
            _ => throw Error(token.Length == 0 ? "a filter operand is missing" : $"'{token}' is not a filter operand"),
        };
    }

    private bool TryConsume(string token)
    {
        SkipSpaces();
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) != 0)
            return false;
        _pos += token.Length;
        return true;
    }

    private void Expect(char c)
    {
        if (Peek(0) != c)
            throw Error($"'{c}' was expected");
        _pos++;
    }

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            _pos++;
    }

    private JsonPathSyntaxException Error(string reason) =>
        new($"invalid path '{_text}' at character {_pos + 1}: {reason}");
}
