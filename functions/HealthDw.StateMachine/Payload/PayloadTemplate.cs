using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Definition;
using HealthDw.StateMachine.Intrinsics;
using HealthDw.StateMachine.Paths;

namespace HealthDw.StateMachine.Payload;

/// <summary>
/// A Payload Template (spec, "Payload Template"), compiled when the definition is loaded: the value of
/// Parameters, ResultSelector and ItemSelector. A field whose name ends in ".$" (however deeply nested,
/// arrays included) is renamed without the suffix and takes the value of its Path (<c>$...</c>), of its
/// Context Object path (<c>$$...</c>), or of its Intrinsic Function.
/// </summary>
internal sealed class PayloadTemplate
{
    private readonly TemplateNode _root;

    private PayloadTemplate(TemplateNode root) => _root = root;

    public static PayloadTemplate Compile(JsonNode? template, string pointer)
    {
        if (template is not JsonObject)
            throw new DefinitionError(pointer, "a Payload Template must be a JSON object");
        return new PayloadTemplate(CompileNode(template, pointer));
    }

    public JsonNode? Evaluate(IntrinsicEnvironment env) => _root.Evaluate(env);

    private static TemplateNode CompileNode(JsonNode? node, string pointer)
    {
        switch (node)
        {
            case JsonObject obj:
                var fields = new List<KeyValuePair<string, TemplateNode>>();
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (key, value) in obj)
                {
                    var fieldPointer = JsonPointer.Append(pointer, key);
                    var isDynamic = key.EndsWith(".$", StringComparison.Ordinal);
                    var name = isDynamic ? key[..^2] : key;
                    if (!names.Add(name))
                        throw new DefinitionError(fieldPointer, $"the field name '{name}' appears twice once '.$' suffixes are removed");
                    fields.Add(new(name, isDynamic ? CompileDynamic(key, value, fieldPointer) : CompileNode(value, fieldPointer)));
                }
                return new ObjectTemplateNode(fields);
            case JsonArray array:
                var items = new List<TemplateNode>();
                for (var i = 0; i < array.Count; i++)
                    items.Add(CompileNode(array[i], JsonPointer.Append(pointer, i)));
                return new ArrayTemplateNode(items);
            default:
                return new LiteralTemplateNode(node?.DeepClone());
        }
    }

    private static TemplateNode CompileDynamic(string key, JsonNode? value, string pointer)
    {
        if (value is not JsonValue || value.GetValueKind() != JsonValueKind.String)
            throw new DefinitionError(pointer, $"the field '{key}' ends in '.$', so its value must be a string holding a path or an intrinsic function");
        var text = value.GetValue<string>();
        if (text.TrimStart().StartsWith('$'))
        {
            try
            {
                return new PathTemplateNode(key, JsonPath.Parse(text));
            }
            catch (JsonPathSyntaxException e)
            {
                throw new DefinitionError(pointer, e.Message);
            }
        }
        try
        {
            return new IntrinsicTemplateNode(IntrinsicParser.Parse(text));
        }
        catch (IntrinsicSyntaxException e)
        {
            throw new DefinitionError(pointer, e.Message);
        }
    }
}
