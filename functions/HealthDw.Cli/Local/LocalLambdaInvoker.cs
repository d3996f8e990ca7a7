using System.Text;
using System.Text.Json.Nodes;
using HealthDw.Functions;
using HealthDw.StateMachine.Tasks;

namespace HealthDw.Cli.Local;

/// <summary>
/// The local stand-in for Lambda: a function ARN from the definitions resolves, by name, to the
/// same step handler the Lambda host runs, called with the same JSON bytes. A step's error name
/// reaches the interpreter as the function error type, so Retry and Catch behave as on AWS.
/// </summary>
public sealed class LocalLambdaInvoker(StepHandlerTable steps) : ILambdaInvoker
{
    public async Task<JsonNode?> InvokeAsync(string functionNameOrArn, JsonNode? payload, CancellationToken cancellationToken)
    {
        var name = LocalBindings.HandlerOf(functionNameOrArn);
        if (!steps.Handlers.TryGetValue(name, out var handler))
            throw new TaskFailedException("Lambda.ResourceNotFoundException", $"no step handler named '{name}' (function {functionNameOrArn})");
        try
        {
            var output = await handler(Encoding.UTF8.GetBytes(payload?.ToJsonString() ?? "null"), cancellationToken);
            return JsonNode.Parse(output);
        }
        catch (StepFailedException e)
        {
            throw new TaskFailedException(e.ErrorName, e.Message, e);
        }
    }
}
