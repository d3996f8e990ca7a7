using Handler = System.Func<System.ReadOnlyMemory<byte>, HealthDw.Functions.Runtime.InvocationContext, System.Threading.CancellationToken,
    System.Threading.Tasks.Task<byte[]>>;

namespace HealthDw.Functions.Runtime;

/// <summary>
/// The custom runtime's loop (the <c>bootstrap</c> process): initialises once, picks the handler
/// that <c>_HANDLER</c> names (e.g. "route-file"), then for each invocation from the Runtime API
/// runs it with a token that fires <see cref="DeadlineMargin"/> before the deadline and posts its
/// response, or its error under the exception's error name. One JSON log line and one metric
/// line per invocation. Returns when <c>ct</c> is cancelled.
/// </summary>
public sealed class LambdaHost(
    LambdaRuntimeClient runtime,
    IEnvironmentVariables environment,
    Func<CancellationToken, Task<IReadOnlyDictionary<string, Handler>>> initialise,
    InvocationLog log,
    EmbeddedMetricWriter metrics,
    TimeProvider time,
    TimeSpan? deadlineMargin = null)
{
    public const string HandlerVariable = "_HANDLER";
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    /// <summary>The longest a deadline timer runs (a guard against a nonsense deadline header).</summary>
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    /// <summary>How long before the deadline the handler's token fires, leaving time to post its error.</summary>
    public TimeSpan DeadlineMargin { get; } = deadlineMargin ?? TimeSpan.FromMilliseconds(500);

    /// <exception cref="LambdaInitException">Initialisation failed or <c>_HANDLER</c> names no handler; already reported as an init error.</exception>
    public async Task RunAsync(CancellationToken ct)
    {
        var name = environment.Get(HandlerVariable) ?? "";
        var handler = await InitialiseAsync(name, ct);
        log.Event("INFO", "ready", name);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var invocation = await runtime.NextAsync(ct);
                await InvokeAsync(name, handler, invocation, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break; // stopping: an invocation in flight gets no answer, as when the process ends
            }
        }
    }

    private async Task<Handler> InitialiseAsync(string name, CancellationToken ct)
    {
        IReadOnlyDictionary<string, Handler> handlers;
        try
        {
            handlers = await initialise(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw await FailInitAsync(name, RuntimeError.From(e), e, ct);
        }

        if (handlers.TryGetValue(name, out var handler)) return handler;
        var known = string.Join(", ", handlers.Keys.Order(StringComparer.Ordinal));
        var error = new RuntimeError("Runtime.UnknownHandler",
            $"{HandlerVariable} '{name}' names no handler of this function (known: {known})", []);
        throw await FailInitAsync(name, error, null, ct);
    }

    private async Task<LambdaInitException> FailInitAsync(string name, RuntimeError error, Exception? cause, CancellationToken ct)
    {
        log.Event("ERROR", "init failed", name, error.ErrorType);
        await runtime.PostInitErrorAsync(error, ct);
        return new LambdaInitException($"initialisation failed ({error.ErrorType}): {error.ErrorMessage}", cause);
    }

    private async Task InvokeAsync(string name, Handler handler, LambdaInvocation invocation, CancellationToken ct)
    {
        var context = invocation.Context;
        environment.Set(TraceIdVariable, context.TraceId);
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(TimeUntilCancel(context), time);
        using var token = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        byte[]? response = null;
        RuntimeError? error = null;
        try
        {
            response = await handler(invocation.Payload, context, token.Token);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested)
        {
            error = RuntimeError.From(new DeadlineExceededException(name, DeadlineMargin, e));
        }
        catch (Exception e)
        {
            error = RuntimeError.From(e); // reported to Lambda, so Step Functions' Retry/Catch sees it
        }

        var durationMs = time.GetElapsedTime(started).TotalMilliseconds;
        if (error is null)
            await runtime.PostResponseAsync(context.RequestId, response ?? [], ct);
        else
            await runtime.PostErrorAsync(context.RequestId, error, ct);

        log.Invocation(context.RequestId, name, durationMs, error is null ? InvocationOutcome.Success : InvocationOutcome.Error, error);
        metrics.Write(name, new MetricValue("Duration", MetricUnit.Milliseconds, Math.Round(durationMs, 3)),
            new MetricValue("Errors", MetricUnit.Count, error is null ? 0 : 1));
    }

    private TimeSpan TimeUntilCancel(InvocationContext context)
    {
        var left = context.Deadline - time.GetUtcNow() - DeadlineMargin;
        return left <= TimeSpan.Zero ? TimeSpan.Zero : left > MaxTimeout ? MaxTimeout : left;
    }
}
