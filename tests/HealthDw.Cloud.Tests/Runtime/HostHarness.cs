using System.Text;
using HealthDw.Cloud.Tests.Support;
using HealthDw.Functions.Runtime;
using Handler = System.Func<System.ReadOnlyMemory<byte>, HealthDw.Functions.Runtime.InvocationContext, System.Threading.CancellationToken,
    System.Threading.Tasks.Task<byte[]>>;

namespace HealthDw.Cloud.Tests.Runtime;

/// <summary>A <see cref="LambdaHost"/> wired to a <see cref="RuntimeApiStub"/>, a fake environment and captured output.</summary>
public sealed class HostHarness : IAsyncDisposable
{
    private readonly StringWriter _output = new();
    private readonly CancellationTokenSource _stop = new();

    public HostHarness(string handlerName, IReadOnlyDictionary<string, Handler> handlers, params StubInvocation[] invocations)
        : this(handlerName, _ => Task.FromResult(handlers), invocations)
    {
    }

    public HostHarness(string handlerName, Func<CancellationToken, Task<IReadOnlyDictionary<string, Handler>>> initialise,
        params StubInvocation[] invocations)
        : this(handlerName, initialise, TimeProvider.System, invocations)
    {
    }

    public HostHarness(string handlerName, Func<CancellationToken, Task<IReadOnlyDictionary<string, Handler>>> initialise,
        TimeProvider time, params StubInvocation[] invocations)
    {
        Api = new RuntimeApiStub(invocations);
        Environment = new FakeEnvironment(("_HANDLER", handlerName), (LambdaRuntimeClient.RuntimeApiVariable, Api.RuntimeApi));
        var output = TextWriter.Synchronized(_output);
        Host = new LambdaHost(LambdaRuntimeClient.FromEnvironment(Environment), Environment, initialise,
            new InvocationLog(output, time), new EmbeddedMetricWriter(output, time), time);
    }

    public RuntimeApiStub Api { get; }

    public FakeEnvironment Environment { get; }

    public LambdaHost Host { get; }

    /// <summary>Everything the host wrote to its standard output, line by line.</summary>
    public IReadOnlyList<string> OutputLines => _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static StubInvocation Invocation(string requestId, string payload, TimeSpan? timeLeft = null, string? traceId = null) =>
        new(requestId, payload, DateTimeOffset.UtcNow + (timeLeft ?? TimeSpan.FromMinutes(1)), traceId);

    public static Handler Handler(Func<string, InvocationContext, CancellationToken, Task<string>> handle) =>
        async (input, context, ct) => Encoding.UTF8.GetBytes(await handle(Encoding.UTF8.GetString(input.Span), context, ct));

    /// <summary>Runs the host until it has answered <paramref name="queued"/> invocations, then stops it.</summary>
    public async Task RunUntilIdleAsync(int queued)
    {
        var run = Host.RunAsync(_stop.Token);
        var idle = Api.WaitUntilIdleAsync(queued);
        if (await Task.WhenAny(run, idle) == run) await run; // ended early: surface why
        await idle;
        await _stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Api.DisposeAsync();
        _stop.Dispose();
    }
}
