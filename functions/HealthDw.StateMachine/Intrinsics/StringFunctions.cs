using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Intrinsics;

/// <summary>States.Format and States.StringSplit (spec, Appendix B).</summary>
internal static class StringFunctions
{
    /// <summary>
    /// Replaces each <c>{}</c> of the template with the next argument's natural text (strings without
    /// quotes; numbers, booleans and null as written); arrays and objects are refused, and the number of
    /// arguments must equal the number of placeholders. In a template written in the invocation,
    /// <c>\{</c> and <c>\}</c> are literal braces; a template read from a path has no escapes.
    /// </summary>
    public static JsonNode Format(IntrinsicArguments args)
    {
        var template = args.String(0);
        var escaped = args.Call.Arguments[0] is LiteralArgument { RawText: { } raw } ? raw : null;
        var source = escaped ?? template;
        var output = new StringBuilder();
        var next = 1;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (escaped is not null && c == '\\' && i + 1 < source.Length)
            {
                output.Append(source[++i]);
                continue;
            }
            if (c == '{' && i + 1 < source.Length && source[i + 1] == '}')
            {
                if (next >= args.Count)
                    throw args.Fail("the template has more {} placeholders than there are arguments");
                output.Append(NaturalText(args, next++));
                i++;
                continue;
            }
            output.Append(c);
        }
        if (next != args.Count)
            throw args.Fail($"the template has {next - 1} {{}} placeholders but {args.Count - 1} arguments follow it");
        return JsonValue.Create(output.ToString());
    }

    /// <summary>Splits the string at every occurrence of any of the delimiter's characters.</summary>
    public static JsonNode StringSplit(IntrinsicArguments args)
    {
        var text = args.String(0);
        var delimiters = args.String(1);
        var parts = delimiters.Length == 0 ? [text] : text.Split(delimiters.ToCharArray());
        var array = new JsonArray();
        foreach (var part in parts)
            array.Add((JsonNode)JsonValue.Create(part));
        return array;
    }

    private static string NaturalText(IntrinsicArguments args, int index)
    {
        var value = args[index];
        if (value is null)
            return "null";
        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Array or JsonValueKind.Object =>
                throw args.Fail($"argument {index + 1} is {IntrinsicArguments.Describe(value)}; only strings, numbers, booleans and null can be formatted"),
            _ => JsonText.Compact(value),
        };
    }
}
