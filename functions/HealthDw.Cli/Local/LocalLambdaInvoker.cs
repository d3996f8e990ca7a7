using System.Text;
using System.Text.Json.Nodes;
using HealthDw.Functions;
using HealthDw.StateMachine.Tasks;

namespace HealthDw.Cli.Local;

/// <summary>
/// The local stand-in for Lambda: a function ARN from the definitions resolves, by name, to the
/// same step handler the Lambda host runs, called with the same JSON bytes. A step's error name
/// reaches the interpreter as the function error type, so Retry and Catch behave as on AWS.
/// <para>
/// Reserved concurrency is modelled as Lambda applies it to a synchronous invoke (which is what Step
/// Functions makes): once a function has as many invocations running as its reserved concurrency, the
/// next one fails at once with 429 <c>TooManyRequestsException</c>, reason
/// <c>ReservedFunctionConcurrentInvocationLimitExceeded</c> (Lambda API reference, "Invoke"; Lambda
/// Developer Guide, "Lambda function scaling"). Nothing queues: the caller's Retry decides what happens next.
/// </para>
/// </summary>
public sealed class LocalLambdaInvoker : ILambdaInvoker
{
    /// <summary>The error name Step Functions gives a throttled Lambda invoke.</summary>
    public const string TooManyRequests = "Lambda.TooManyRequestsException";

    private readonly IReadOnlyDictionary<string, StepHandler> _handlers;
    private readonly ReservedConcurrency _reserved;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _throttled = new(StringComparer.Ordinal);

    public LocalLambdaInvoker(StepHandlerTable steps, ReservedConcurrency? reserved = null)
        : this(steps.Handlers, reserved)
    {
    }

    /// <param name="handlers">The functions by handler name.</param>
    /// <param name="reserved">Reserved concurrency by handler name; none means no function is ever throttled.</param>
    public LocalLambdaInvoker(IReadOnlyDictionary<string, StepHandler> handlers, ReservedConcurrency? reserved = null)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _handlers = handlers;
        _reserved = reserved ?? ReservedConcurrency.None;
        foreach (var name in _reserved.ByHandler.Keys)
        {
            if (!handlers.ContainsKey(name))
                throw new ArgumentException($"reserved concurrency names '{name}', which is no step handler ({string.Join(", ", handlers.Keys.Order(StringComparer.Ordinal))})", nameof(reserved));
        }
    }

    /// <summary>How many invocations of <paramref name="handler"/> were refused with TooManyRequests so far.</summary>
    public long ThrottledCount(string handler)
    {
        lock (_gate)
            return _throttled.GetValueOrDefault(handler);
    }

    public async Task<JsonNode?> InvokeAsync(string functionNameOrArn, JsonNode? payload, CancellationToken cancellationToken)
    {
        var name = LocalBindings.HandlerOf(functionNameOrArn);
        if (!_handlers.TryGetValue(name, out var handler))
            throw new TaskFailedException("Lambda.ResourceNotFoundException", $"no step handler named '{name}' (function {functionNameOrArn})");
        var limit = _reserved.LimitOf(name);
        if (limit is { } reserved)
            Enter(name, reserved);
        try
        {
            var output = await handler(Encoding.UTF8.GetBytes(payload?.ToJsonString() ?? "null"), cancellationToken);
            return JsonNode.Parse(output);
        }
        catch (StepFailedException e)
        {
            throw new TaskFailedException(e.ErrorName, e.Message, e);
        }
        finally
        {
            if (limit is not null) Leave(name);
        }
    }

    private void Enter(string name, int reserved)
    {
        lock (_gate)
        {
            var running = _running.GetValueOrDefault(name);
            if (running >= reserved)
            {
                _throttled[name] = _throttled.GetValueOrDefault(name) + 1;
                throw new TaskFailedException(TooManyRequests,
                    $"Rate Exceeded. (Service: Lambda, Status Code: 429, Reason: ReservedFunctionConcurrentInvocationLimitExceeded) "
                    + $"healthdw-{name} has a reserved concurrency of {reserved} and {running} invocations running");
            }

            _running[name] = running + 1;
        }
    }

    private void Leave(string name)
    {
        lock (_gate)
            _running[name]--;
    }
}
