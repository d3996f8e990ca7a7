using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Intrinsics;
using HealthDw.StateMachine.Paths;

namespace HealthDw.StateMachine.Definition;

/// <summary>Typed, checked access to the fields of one JSON object of a definition; every fault names its JSON Pointer.</summary>
internal sealed class FieldReader
{
    private readonly JsonObject _object;

    public FieldReader(JsonNode? node, string pointer, string what)
    {
        Pointer = pointer;
        _object = node as JsonObject ?? throw new DefinitionError(pointer, $"{what} must be a JSON object");
    }

    public string Pointer { get; }

    public JsonObject Object => _object;

    public string At(string field) => JsonPointer.Append(Pointer, field);

    public bool Has(string field) => _object.ContainsKey(field);

    public bool IsNull(string field) => _object.TryGetPropertyValue(field, out var value) && value is null;

    public JsonNode? Raw(string field) => _object[field];

    /// <summary>Refuses any field not in <paramref name="allowed"/>, with a hint for fields of features the interpreter lacks.</summary>
    public void OnlyAllow(IReadOnlySet<string> allowed, string what)
    {
        foreach (var (key, _) in _object)
        {
            if (allowed.Contains(key))
                continue;
            var reason = key switch
            {
                "Assign" => "variables (\"Assign\") are not supported by this interpreter",
                "Arguments" or "Output" or "Items" or "Condition" => $"\"{key}\" belongs to the JSONata query language, which this interpreter does not support",
                "ItemReader" or "ItemBatcher" or "ResultWriter" => $"\"{key}\" (distributed Map) is not supported by this interpreter",
                _ => $"\"{key}\" is not a field of {what}",
            };
            throw new DefinitionError(At(key), reason);
        }
    }

    public string? String(string field, bool required = false)
    {
        if (!_object.TryGetPropertyValue(field, out var value))
            return required ? throw new DefinitionError(At(field), $"the field \"{field}\" is required") : null;
        if (value is JsonValue && value.GetValueKind() == JsonValueKind.String)
            return value.GetValue<string>();
        throw new DefinitionError(At(field), $"\"{field}\" must be a string");
    }

    public bool? Boolean(string field)
    {
        if (!_object.TryGetPropertyValue(field, out var value))
            return null;
        return value?.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new DefinitionError(At(field), $"\"{field}\" must be true or false"),
        };
    }

    public long? Integer(string field, long min, string rule)
    {
        if (!_object.TryGetPropertyValue(field, out var value))
            return null;
        if (!Json.JsonNumbers.TryGetInteger(value, out var number) || number < min || number > 99_999_999)
            throw new DefinitionError(At(field), $"\"{field}\" must be {rule}");
        return number;
    }

    public double? Number(string field)
    {
        if (!_object.TryGetPropertyValue(field, out var value))
            return null;
        if (!Json.JsonNumbers.TryGetDouble(value, out var number))
            throw new DefinitionError(At(field), $"\"{field}\" must be a number");
        return number;
    }

    public JsonArray? Array(string field, bool required = false)
    {
        if (!_object.TryGetPropertyValue(field, out var value))
            return required ? throw new DefinitionError(At(field), $"the field \"{field}\" is required") : null;
        return value as JsonArray ?? throw new DefinitionError(At(field), $"\"{field}\" must be an array");
    }

    /// <summary>A Path field; null when absent. Reference Paths may only name fields and single indexes.</summary>
    public JsonPath? Path(string field, bool reference, bool allowContext = true)
    {
        if (!_object.ContainsKey(field))
            return null;
        var text = String(field) ?? throw new DefinitionError(At(field), $"\"{field}\" must be a string");
        return ParsePath(text, At(field), field, reference, allowContext);
    }

    /// <summary>
    /// InputPath, OutputPath and ResultPath: absent means <c>$</c>, JSON null is returned as null
    /// (the spec's "discard" meaning), anything else must be a path.
    /// </summary>
    public JsonPath? PathOrNull(string field, bool reference, bool allowContext)
    {
        if (!_object.TryGetPropertyValue(field, out var value))
            return JsonPath.Root;
        if (value is null)
            return null;
        return Path(field, reference, allowContext);
    }

    /// <summary>A Reference Path or an Intrinsic Function (Fail's ErrorPath and CausePath).</summary>
    public (JsonPath? Path, IntrinsicCall? Call) PathOrIntrinsic(string field)
    {
        var text = String(field);
        if (text is null)
            return (null, null);
        if (text.TrimStart().StartsWith('$'))
            return (ParsePath(text, At(field), field, reference: true, allowContext: true), null);
        try
        {
            return (null, IntrinsicParser.Parse(text));
        }
        catch (IntrinsicSyntaxException e)
        {
            throw new DefinitionError(At(field), e.Message);
        }
    }

    public static JsonPath ParsePath(string text, string pointer, string field, bool reference, bool allowContext)
    {
        JsonPath path;
        try
        {
            path = JsonPath.Parse(text);
        }
        catch (JsonPathSyntaxException e)
        {
            throw new DefinitionError(pointer, e.Message);
        }
        if (reference && !path.IsReferencePath)
            throw new DefinitionError(pointer, $"\"{field}\" must be a Reference Path (fields and single indexes only, no '*', '..', slices, unions or filters): '{text}'");
        if (!allowContext && path.IsContextPath)
            throw new DefinitionError(pointer, $"\"{field}\" must not begin with \"$$\" (it cannot address the Context Object)");
        return path;
    }
}
