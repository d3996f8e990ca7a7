using System.Collections.Concurrent;
using System.Globalization;
using HealthDw.Cloud.Tests.Support;

namespace HealthDw.Cloud.Tests.Runtime;

/// <summary>
/// Plays the Lambda Runtime API (2018-06-01) over real HTTP: "next" hands out the queued
/// invocations with their documented headers, then waits as Lambda does until the test ends;
/// responses and errors are accepted with 202 and recorded.
/// </summary>
public sealed class RuntimeApiStub : IAsyncDisposable
{
    public const string Prefix = "/2018-06-01/runtime/";

    private readonly ConcurrentQueue<StubInvocation> _invocations;
    private readonly LoopbackHttpServer _server;

    public RuntimeApiStub(params StubInvocation[] invocations)
    {
        _invocations = new ConcurrentQueue<StubInvocation>(invocations);
        _server = new LoopbackHttpServer(RespondAsync);
    }

    /// <summary>The value of AWS_LAMBDA_RUNTIME_API.</summary>
    public string RuntimeApi => _server.HostAndPort;

    public IReadOnlyList<RecordedRequest> Requests => _server.Requests;

    public Task<IReadOnlyList<RecordedRequest>> WaitForAsync(Func<RecordedRequest, bool> match, int count = 1) =>
        _server.WaitForAsync(match, count);

    /// <summary>Waits until the runtime asks for more invocations than were queued: it has answered them all.</summary>
    public Task WaitUntilIdleAsync(int queued) =>
        _server.WaitForAsync(r => r.Path == Prefix + "invocation/next", queued + 1);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task<StubResponse> RespondAsync(RecordedRequest request, CancellationToken stop)
    {
        if (request.Method == "GET" && request.Path == Prefix + "invocation/next")
        {
            if (!_invocations.TryDequeue(out var next))
            {
                await Task.Delay(Timeout.Infinite, stop); // Lambda freezes here until an event comes
            }

            var headers = new Dictionary<string, string>
            {
                ["Lambda-Runtime-Aws-Request-Id"] = next!.RequestId,
                ["Lambda-Runtime-Deadline-Ms"] = next.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                ["Lambda-Runtime-Invoked-Function-Arn"] = StubInvocation.FunctionArn,
                ["Content-Type"] = "application/json",
            };
            if (next.TraceId is not null) headers["Lambda-Runtime-Trace-Id"] = next.TraceId;
            return StubResponse.Text(200, next.Payload, headers);
        }

        return request.Method == "POST" && request.Path.StartsWith(Prefix, StringComparison.Ordinal)
            ? StubResponse.Text(202, """{"status":"OK"}""")
            : StubResponse.Text(404, """{"errorMessage":"unknown path","errorType":"InvalidRequest"}""");
    }
}
