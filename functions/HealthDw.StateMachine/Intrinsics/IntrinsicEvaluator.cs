using System.Text.Json.Nodes;
using HealthDw.StateMachine.Execution;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Intrinsics;

/// <summary>
/// Evaluates an invocation: arguments left to right (paths against the Payload Template's input or,
/// with <c>$$</c>, the Context Object; nested invocations first), then the function. Any failure is
/// <c>States.IntrinsicFailure</c> (spec, "Payload Template").
/// </summary>
internal static class IntrinsicEvaluator
{
    public static JsonNode? Evaluate(IntrinsicCall call, IntrinsicEnvironment env)
    {
        var values = new List<JsonNode?>(call.Arguments.Count);
        foreach (var argument in call.Arguments)
            values.Add(EvaluateArgument(call, argument, env));
        var args = new IntrinsicArguments(call, values);
        return call.Name switch
        {
            "States.Format" => StringFunctions.Format(args),
            "States.StringToJson" => JsonFunctions.StringToJson(args),
            "States.JsonToString" => JsonFunctions.JsonToString(args),
            "States.Array" => ArrayFunctions.Array(args),
            "States.ArrayPartition" => ArrayFunctions.Partition(args),
            "States.ArrayContains" => ArrayFunctions.Contains(args),
            "States.ArrayRange" => ArrayFunctions.Range(args),
            "States.ArrayGetItem" => ArrayFunctions.GetItem(args),
            "States.ArrayLength" => ArrayFunctions.Length(args),
            "States.ArrayUnique" => ArrayFunctions.Unique(args),
            "States.Base64Encode" => EncodingFunctions.Base64Encode(args),
            "States.Base64Decode" => EncodingFunctions.Base64Decode(args),
            "States.Hash" => EncodingFunctions.Hash(args),
            "States.JsonMerge" => JsonFunctions.JsonMerge(args),
            "States.MathRandom" => MathFunctions.MathRandom(args, env),
            "States.MathAdd" => MathFunctions.MathAdd(args),
            "States.StringSplit" => StringFunctions.StringSplit(args),
            "States.UUID" => JsonValue.Create(env.Ids.NewUuid()),
            _ => throw new StatesErrorException(StatesErrors.IntrinsicFailure, $"unknown intrinsic function '{call.Name}'"),
        };
    }

    private static JsonNode? EvaluateArgument(IntrinsicCall call, IntrinsicArgument argument, IntrinsicEnvironment env)
    {
        switch (argument)
        {
            case LiteralArgument literal:
                return JsonText.Clone(literal.Value);
            case CallArgument nested:
                return Evaluate(nested.Call, env);
            case PathArgument { Path: var path }:
                var root = path.IsContextPath ? env.Context() : env.Input;
                if (!path.TrySelect(root, out var value))
                {
                    throw new StatesErrorException(StatesErrors.IntrinsicFailure,
                        $"{call.Name}: the path '{path.Text}' matches nothing in {(path.IsContextPath ? "the Context Object" : "the input")} {JsonText.Compact(root)}.");
                }
                return JsonText.Clone(value);
            default:
                throw new InvalidOperationException($"unexpected argument {argument}");
        }
    }
}
