using System.Text.Json.Nodes;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Execution;

/// <summary>
/// The Context Object (spec, "The Context Object"; fields as Step Functions provides them):
/// <c>$$.Execution.Id/Name/Input/StartTime/RoleArn/RedriveCount</c>, <c>$$.StateMachine.Id/Name</c>,
/// <c>$$.State.Name/EnteredTime/RetryCount</c>, and inside a Map's ItemSelector
/// <c>$$.Map.Item.Index/Value</c>. Extra fields from the runner's options are merged in.
/// </summary>
internal static class ContextObject
{
    public static JsonObject Build(ExecutionScope scope, string stateName, DateTimeOffset enteredTime, int retryCount)
    {
        var context = new JsonObject
        {
            ["Execution"] = new JsonObject
            {
                ["Id"] = scope.ExecutionArn,
                ["Input"] = JsonText.Clone(scope.Input),
                ["Name"] = scope.ExecutionName,
                ["RoleArn"] = scope.Services.RoleArn,
                ["StartTime"] = AslTimestamp.Format(scope.StartTime),
                ["RedriveCount"] = 0,
            },
            ["State"] = new JsonObject
            {
                ["EnteredTime"] = AslTimestamp.Format(enteredTime),
                ["Name"] = stateName,
                ["RetryCount"] = retryCount,
            },
            ["StateMachine"] = new JsonObject
            {
                ["Id"] = scope.StateMachineArn,
                ["Name"] = scope.StateMachineName,
            },
        };
        if (scope.Services.ContextFields is { } extra)
            Merge(context, extra);
        return context;
    }

    public static JsonObject WithMapItem(JsonObject context, int index, JsonNode? value)
    {
        var copy = (JsonObject)context.DeepClone();
        copy["Map"] = new JsonObject { ["Item"] = new JsonObject { ["Index"] = index, ["Value"] = JsonText.Clone(value) } };
        return copy;
    }

    private static void Merge(JsonObject into, JsonObject from)
    {
        foreach (var (key, value) in from)
        {
            if (value is JsonObject child && into[key] is JsonObject existing)
                Merge(existing, child);
            else
                into[key] = JsonText.Clone(value);
        }
    }
}
