using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.Tasks;

/// <summary>
/// Runs a Lambda function for a Task state: in tests a script, locally the handlers in process, on a
/// developer machine perhaps the real service. A function error is reported by throwing
/// <see cref="TaskFailedException"/> with the function's error type (for example
/// <c>HealthDw.TransientError</c> or <c>Lambda.ServiceException</c>); any other exception becomes
/// <c>States.TaskFailed</c>.
/// </summary>
public interface ILambdaInvoker
{
    /// <param name="functionNameOrArn">
    /// The "FunctionName" parameter of an <c>arn:aws:states:::lambda:invoke</c> task as written, or the
    /// whole ARN of a task whose Resource is a function ARN.
    /// </param>
    /// <param name="payload">The event the function receives.</param>
    /// <param name="cancellationToken">Cancelled when the task times out or the execution stops.</param>
    /// <returns>The function's result.</returns>
    Task<JsonNode?> InvokeAsync(string functionNameOrArn, JsonNode? payload, CancellationToken cancellationToken);
}
