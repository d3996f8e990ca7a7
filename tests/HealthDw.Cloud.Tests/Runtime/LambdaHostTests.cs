using System.Text.Json;
using HealthDw.Functions.Runtime;
using Handler = System.Func<System.ReadOnlyMemory<byte>, HealthDw.Functions.Runtime.InvocationContext, System.Threading.CancellationToken,
    System.Threading.Tasks.Task<byte[]>>;

namespace HealthDw.Cloud.Tests.Runtime;

public sealed class LambdaHostTests
{
    private const string Next = RuntimeApiStub.Prefix + "invocation/next";

    [Fact]
    public async Task RunAsync_WhenTwoInvocationsArrive_ShouldPostEachResponseToItsRequestUrl()
    {
        var handlers = Table(("route-file", HostHarness.Handler((input, context, _) =>
            Task.FromResult($$"""{"echo":{{input}},"requestId":"{{context.RequestId}}","arn":"{{context.InvokedFunctionArn}}"}"""))));
        await using var harness = new HostHarness("route-file", handlers,
            HostHarness.Invocation("req-1", """{"n":1}"""), HostHarness.Invocation("req-2", """{"n":2}"""));

        await harness.RunUntilIdleAsync(queued: 2);

        var posts = harness.Api.Requests.Where(r => r.Method == "POST").ToList();
        posts.Select(r => r.Path).Should().Equal(
            RuntimeApiStub.Prefix + "invocation/req-1/response", RuntimeApiStub.Prefix + "invocation/req-2/response");
        posts[0].BodyText.Should().Be($$"""{"echo":{"n":1},"requestId":"req-1","arn":"{{StubInvocation.FunctionArn}}"}""");
        posts[1].BodyText.Should().Contain("""{"echo":{"n":2},"requestId":"req-2" """.TrimEnd());
        harness.Api.Requests.Count(r => r.Path == Next).Should().Be(3, "two invocations, then the wait for a third");
    }

    [Fact]
    public async Task RunAsync_WhenHandlerThrows_ShouldPostErrorNamedByExceptionType()
    {
        var handlers = Table(("load-to-staging", HostHarness.Handler((_, _, _) =>
            throw new HttpRequestException("the warehouse did not answer"))));
        await using var harness = new HostHarness("load-to-staging", handlers, HostHarness.Invocation("req-err", "{}"));

        await harness.RunUntilIdleAsync(queued: 1);

        var post = harness.Api.Requests.Single(r => r.Method == "POST");
        post.Path.Should().Be(RuntimeApiStub.Prefix + "invocation/req-err/error");
        post.Header("Lambda-Runtime-Function-Error-Type").Should().Be("HttpRequestException");
        using var body = JsonDocument.Parse(post.Body);
        body.RootElement.GetProperty("errorType").GetString().Should().Be("HttpRequestException");
        body.RootElement.GetProperty("errorMessage").GetString().Should().Be("the warehouse did not answer");
        var frames = body.RootElement.GetProperty("stackTrace").EnumerateArray().Select(f => f.GetString()!).ToList();
        frames.Should().NotBeEmpty().And.OnlyContain(f => !f.StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_WhenHandlerThrowsStepError_ShouldPostItsErrorName()
    {
        var handlers = Table(("validate-file", HostHarness.Handler((_, _, _) => throw new StepFailedException("header does not match"))));
        await using var harness = new HostHarness("validate-file", handlers, HostHarness.Invocation("req-v", "{}"));

        await harness.RunUntilIdleAsync(queued: 1);

        var post = harness.Api.Requests.Single(r => r.Method == "POST");
        post.Header("Lambda-Runtime-Function-Error-Type").Should().Be("ValidationFailed");
        post.BodyText.Should().StartWith("""{"errorMessage":"header does not match","errorType":"ValidationFailed","stackTrace":[""");
    }

    [Fact]
    public async Task RunAsync_WhenHandlerIsUnknown_ShouldPostInitErrorAndNeverAskForInvocations()
    {
        var handlers = Table(("route-file", HostHarness.Handler((_, _, _) => Task.FromResult("{}"))));
        await using var harness = new HostHarness("no-such-step", handlers, HostHarness.Invocation("req-x", "{}"));

        var run = () => harness.Host.RunAsync(CancellationToken.None);

        (await run.Should().ThrowAsync<LambdaInitException>()).Which.Message.Should().Contain("no-such-step");
        var post = harness.Api.Requests.Single();
        post.Path.Should().Be(RuntimeApiStub.Prefix + "init/error");
        post.Header("Lambda-Runtime-Function-Error-Type").Should().Be("Runtime.UnknownHandler");
        using var body = JsonDocument.Parse(post.Body);
        body.RootElement.GetProperty("errorMessage").GetString().Should().Contain("'no-such-step'").And.Contain("route-file");
        harness.Api.Requests.Should().NotContain(r => r.Path == Next);
    }

    [Fact]
    public async Task RunAsync_WhenInitialisationThrows_ShouldPostInitErrorNamedByException()
    {
        await using var harness = new HostHarness("route-file",
            _ => throw new InvalidDataException("routes.yml line 3: pattern is empty"), HostHarness.Invocation("req-x", "{}"));

        var run = () => harness.Host.RunAsync(CancellationToken.None);

        (await run.Should().ThrowAsync<LambdaInitException>()).WithInnerException<InvalidDataException>();
        var post = harness.Api.Requests.Single();
        post.Path.Should().Be(RuntimeApiStub.Prefix + "init/error");
        post.Header("Lambda-Runtime-Function-Error-Type").Should().Be("InvalidDataException");
        post.BodyText.Should().Contain("routes.yml line 3: pattern is empty");
    }

    [Fact]
    public async Task RunAsync_WhenDeadlineNears_ShouldCancelHandlerBeforeDeadlineAndPostDeadlineExceeded()
    {
        var cancelled = false;
        var handlers = Table(("load-to-staging", HostHarness.Handler(async (_, _, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                cancelled = true;
            }

            return "{}";
        })));
        // The clock stands still, so the time the host schedules its cancellation for is exact: no race with a busy machine.
        var time = new StillClock(DateTimeOffset.UtcNow);
        var invocation = new StubInvocation("req-slow", "{}", time.GetUtcNow() + TimeSpan.FromMilliseconds(900), null);
        await using var harness = new HostHarness("load-to-staging", _ => Task.FromResult(handlers), time, invocation);

        await harness.RunUntilIdleAsync(queued: 1);

        cancelled.Should().BeTrue();
        time.Timers.Should().ContainSingle().Which.Should().BeCloseTo(TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(1),
            "the handler is cancelled 500 ms before the deadline (which the Runtime API gives to the millisecond)");
        var post = harness.Api.Requests.Single(r => r.Method == "POST");
        post.Path.Should().Be(RuntimeApiStub.Prefix + "invocation/req-slow/error");
        post.Header("Lambda-Runtime-Function-Error-Type").Should().Be("DeadlineExceeded");
        using var body = JsonDocument.Parse(post.Body);
        body.RootElement.GetProperty("errorMessage").GetString()
            .Should().Be("handler 'load-to-staging' was cancelled 500 ms before the invocation's deadline");
    }

    [Fact]
    public async Task RunAsync_WhenDeadlineHasPassed_ShouldGiveHandlerACancelledToken()
    {
        var handlers = Table(("archive-file", HostHarness.Handler((_, _, ct) =>
            Task.FromResult(ct.IsCancellationRequested ? throw new OperationCanceledException(ct) : "{}"))));
        await using var harness = new HostHarness("archive-file", handlers,
            HostHarness.Invocation("req-late", "{}", timeLeft: TimeSpan.FromMilliseconds(-5)));

        await harness.RunUntilIdleAsync(queued: 1);

        harness.Api.Requests.Single(r => r.Method == "POST").Header("Lambda-Runtime-Function-Error-Type").Should().Be("DeadlineExceeded");
    }

    [Fact]
    public async Task RunAsync_WhenInvocationHasTraceId_ShouldSetTraceVariableForThatInvocation()
    {
        IEnvironmentVariables? environment = null;
        var handlers = Table(("route-file", HostHarness.Handler((_, _, _) =>
            Task.FromResult($"\"{environment!.Get(LambdaHost.TraceIdVariable) ?? "none"}\""))));
        await using var harness = new HostHarness("route-file", handlers,
            HostHarness.Invocation("req-t1", "{}", traceId: "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1"),
            HostHarness.Invocation("req-t2", "{}"));
        environment = harness.Environment;

        await harness.RunUntilIdleAsync(queued: 2);

        harness.Api.Requests.Where(r => r.Method == "POST").Select(r => r.BodyText)
            .Should().Equal("\"Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1\"", "\"none\"");
    }

    [Fact]
    public async Task RunAsync_WhenInvocationsEnd_ShouldLogOneJsonLineAndOneMetricLineEach()
    {
        var handlers = Table(("route-file", HostHarness.Handler((input, _, _) =>
            input == "{}" ? Task.FromResult("{}") : throw new StepFailedException("bad name"))));
        await using var harness = new HostHarness("route-file", handlers,
            HostHarness.Invocation("req-ok", "{}"), HostHarness.Invocation("req-bad", "[]"));

        await harness.RunUntilIdleAsync(queued: 2);

        var lines = harness.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var invocations = lines.Where(l => l.TryGetProperty("message", out var m) && m.GetString() == "invocation").ToList();
        invocations.Select(l => (l.GetProperty("requestId").GetString(), l.GetProperty("handler").GetString(), l.GetProperty("outcome").GetString()))
            .Should().Equal(("req-ok", "route-file", "success"), ("req-bad", "route-file", "error"));
        invocations.Should().OnlyContain(l => l.GetProperty("durationMs").GetDouble() >= 0);
        invocations[1].GetProperty("errorType").GetString().Should().Be("ValidationFailed");
        var metrics = lines.Where(l => l.TryGetProperty("_aws", out _)).ToList();
        metrics.Select(m => (m.GetProperty("Step").GetString(), m.GetProperty("Errors").GetDouble()))
            .Should().Equal(("route-file", 0d), ("route-file", 1d));
    }

    private static IReadOnlyDictionary<string, Handler> Table(params (string Name, Handler Handler)[] handlers) =>
        handlers.ToDictionary(h => h.Name, h => h.Handler);

    /// <summary>A clock that does not move; the timers it is asked for are recorded, and run on the system's clock.</summary>
    private sealed class StillClock(DateTimeOffset now) : TimeProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<TimeSpan> _timers = new();

        public IReadOnlyList<TimeSpan> Timers => [.. _timers];

        public override DateTimeOffset GetUtcNow() => now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _timers.Enqueue(dueTime);
            return System.CreateTimer(callback, state, dueTime, period);
        }
    }
}
