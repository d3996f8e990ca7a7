using System.Text.Json.Nodes;
using HealthDw.StateMachine.Execution;
using HealthDw.StateMachine.Intrinsics;
using HealthDw.StateMachine.Json;
using HealthDw.StateMachine.Paths;

namespace HealthDw.StateMachine.Payload;

/// <summary>A compiled piece of a Payload Template.</summary>
internal abstract record TemplateNode
{
    public abstract JsonNode? Evaluate(IntrinsicEnvironment env);
}

internal sealed record ObjectTemplateNode(IReadOnlyList<KeyValuePair<string, TemplateNode>> Fields) : TemplateNode
{
    public override JsonNode? Evaluate(IntrinsicEnvironment env)
    {
        var obj = new JsonObject();
        foreach (var (name, value) in Fields)
            obj[name] = value.Evaluate(env);
        return obj;
    }
}

internal sealed record ArrayTemplateNode(IReadOnlyList<TemplateNode> Items) : TemplateNode
{
    public override JsonNode? Evaluate(IntrinsicEnvironment env)
    {
        var array = new JsonArray();
        foreach (var item in Items)
            array.Add(item.Evaluate(env));
        return array;
    }
}

internal sealed record LiteralTemplateNode(JsonNode? Value) : TemplateNode
{
    public override JsonNode? Evaluate(IntrinsicEnvironment env) => JsonText.Clone(Value);
}

/// <summary>A <c>"name.$": "$..."</c> field: the path's value, or <c>States.ParameterPathFailure</c> when it matches nothing.</summary>
internal sealed record PathTemplateNode(string FieldName, JsonPath Path) : TemplateNode
{
    public override JsonNode? Evaluate(IntrinsicEnvironment env)
    {
        var root = Path.IsContextPath ? env.Context() : env.Input;
        if (!Path.TrySelect(root, out var value))
        {
            throw new StatesErrorException(StatesErrors.ParameterPathFailure,
                $"The JSONPath '{Path.Text}' specified for the field '{FieldName}' could not be found in the {(Path.IsContextPath ? "Context Object" : "input")} '{JsonText.Compact(root)}'.");
        }
        return JsonText.Clone(value);
    }
}

/// <summary>A <c>"name.$": "States.Fn(...)"</c> field: the invocation's result.</summary>
internal sealed record IntrinsicTemplateNode(IntrinsicCall Call) : TemplateNode
{
    public override JsonNode? Evaluate(IntrinsicEnvironment env) => IntrinsicEvaluator.Evaluate(Call, env);
}
