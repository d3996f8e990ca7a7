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
/// <para>
/// A function's timeout is enforced as Lambda enforces it: an invocation still running when it passes fails at that
/// moment with <c>Sandbox.Timedout</c>, "Task timed out after N seconds" (Lambda Developer Guide, "Configure Lambda
/// function timeout"; Step Functions reports such an unhandled error as <c>Lambda.Unknown</c> in its docs, the service
/// as the function's error type, which no Retry of these definitions matches and States.ALL catches). Lambda then
/// stops the environment; here the handler's token is cancelled, and whatever it had not finished is abandoned.
/// </para>
/// </summary>
public sealed class LocalLambdaInvoker : ILambdaInvoker
{
    /// <summary>The error name Step Functions gives a throttled Lambda invoke.</summary>
    public const string TooManyRequests = "Lambda.TooManyRequestsException";

    /// <summary>The error type of an invocation that ran past the function's timeout.</summary>
    public const string TimedOut = "Sandbox.Timedout";

    /// <summary>Lambda's largest timeout (900 seconds), which every function gets unless told otherwise.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(900);

    private readonly IReadOnlyDictionary<string, StepHandler> _handlers;
    private readonly ReservedConcurrency _reserved;
    private readonly TimeSpan _timeout;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _throttled = new(StringComparer.Ordinal);

    public LocalLambdaInvoker(StepHandlerTable steps, ReservedConcurrency? reserved = null, TimeSpan? timeout = null)
        : this(steps.Handlers, reserved, timeout)
    {
    }

    /// <param name="handlers">The functions by handler name.</param>
    /// <param name="reserved">Reserved concurrency by handler name; none means no function is ever throttled.</param>
    /// <param name="timeout">Every function's timeout; <see cref="MaxTimeout"/> by default.</param>
    public LocalLambdaInvoker(IReadOnlyDictionary<string, StepHandler> handlers, ReservedConcurrency? reserved = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _timeout = timeout ?? MaxTimeout;
        if (_timeout <= TimeSpan.Zero || _timeout > MaxTimeout)
            throw new ArgumentOutOfRangeException(nameof(timeout), _timeout, "a Lambda function's timeout is 1 to 900 seconds");
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
        using var invocation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var running = handler(Encoding.UTF8.GetBytes(payload?.ToJsonString() ?? "null"), invocation.Token);
            byte[] output;
            try
            {
                output = await running.WaitAsync(_timeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                await invocation.CancelAsync();
                _ = running.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default); // abandoned, as Lambda abandons it
                throw new TaskFailedException(TimedOut,
                    string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"{{\"errorType\":\"{TimedOut}\",\"errorMessage\":\"Task timed out after {_timeout.TotalSeconds:0.00} seconds\"}}"));
            }

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
