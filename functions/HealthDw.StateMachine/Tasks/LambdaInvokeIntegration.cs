using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Execution;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Tasks;

/// <summary>
/// Lambda for a Task: <c>arn:aws:states:::lambda:invoke</c> takes the API parameters "FunctionName"
/// and "Payload" (other Invoke parameters such as Qualifier are accepted and ignored) and returns the
/// Invoke response, <c>{"ExecutedVersion": "$LATEST", "Payload": result, "StatusCode": 200}</c>, as
/// the optimized integration does (minus its SdkHttpMetadata and SdkResponseMetadata). A function
/// named by its ARN in "Resource" gets the effective input as its event and returns its result as is.
/// </summary>
internal static class LambdaInvokeIntegration
{
    public static async Task<JsonNode?> InvokeOptimizedAsync(ILambdaInvoker invoker, JsonNode? parameters, CancellationToken ct)
    {
        if (parameters is not JsonObject api || api["FunctionName"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String)
        {
            throw StatesErrorException.Runtime(
                $"arn:aws:states:::lambda:invoke needs the parameter \"FunctionName\" (a string); it got {JsonText.Compact(parameters)}.");
        }
        var payload = api.TryGetPropertyValue("Payload", out var given) ? JsonText.Clone(given) : new JsonObject();
        var result = await invoker.InvokeAsync(name.GetValue<string>(), payload, ct);
        return new JsonObject
        {
            ["ExecutedVersion"] = "$LATEST",
            ["Payload"] = JsonText.Clone(result),
            ["StatusCode"] = 200,
        };
    }

    public static async Task<JsonNode?> InvokeFunctionAsync(ILambdaInvoker invoker, string functionArn, JsonNode? payload, CancellationToken ct) =>
        JsonText.Clone(await invoker.InvokeAsync(functionArn, JsonText.Clone(payload), ct));
}
