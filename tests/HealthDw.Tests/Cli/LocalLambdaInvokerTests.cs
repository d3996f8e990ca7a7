using System.Text.Json.Nodes;
using HealthDw.Cli.Local;
using HealthDw.Functions;
using HealthDw.StateMachine.Tasks;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

/// <summary>
/// Reserved concurrency as Lambda applies it to a synchronous invoke (Lambda API reference, "Invoke": 429
/// TooManyRequestsException, ReservedFunctionConcurrentInvocationLimitExceeded; Lambda Developer Guide,
/// "Lambda function scaling"): beyond N running invocations the next one is refused at once, nothing queues.
/// </summary>
public class LocalLambdaInvokerTests
{
    private const string Limited = "load-to-staging";
    private const string Free = "route-file";

    /// <summary>Handlers that stay running until <see cref="Finish"/>.</summary>
    private sealed class HeldHandlers
    {
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Started;

        public IReadOnlyDictionary<string, StepHandler> Handlers => new Dictionary<string, StepHandler>(StringComparer.Ordinal)
        {
            [Limited] = Handle,
            [Free] = Handle,
        };

        public void Finish() => _finish.SetResult();

        private async Task<byte[]> Handle(ReadOnlyMemory<byte> input, CancellationToken ct)
        {
            Interlocked.Increment(ref Started);
            await _finish.Task.WaitAsync(ct);
            return "{\"ok\":true}"u8.ToArray();
        }
    }

    private static Task<JsonNode?> Invoke(LocalLambdaInvoker invoker, string handler) =>
        invoker.InvokeAsync(LocalBindings.FunctionArn(handler), new JsonObject(), CancellationToken.None);

    [Fact]
    public async Task InvokeAsync_WhenReservedConcurrencyIsInUse_ShouldRefuseAtOnceWithTooManyRequests()
    {
        var held = new HeldHandlers();
        var invoker = new LocalLambdaInvoker(held.Handlers, new ReservedConcurrency(new Dictionary<string, int> { [Limited] = 2 }));
        var running = new[] { Invoke(invoker, Limited), Invoke(invoker, Limited) };

        var third = Invoke(invoker, Limited);

        third.IsFaulted.Should().BeTrue("Lambda does not queue a synchronous invoke beyond the reserved concurrency");
        var error = (await third.Invoking(t => t).Should().ThrowAsync<TaskFailedException>()).Which;
        error.Error.Should().Be("Lambda.TooManyRequestsException");
        error.Cause.Should().Contain("429").And.Contain("ReservedFunctionConcurrentInvocationLimitExceeded");
        held.Started.Should().Be(2, "the refused invocation never ran");
        invoker.ThrottledCount(Limited).Should().Be(1);

        held.Finish();
        await Task.WhenAll(running);
        (await Invoke(invoker, Limited))!["ok"]!.GetValue<bool>().Should().BeTrue("a slot is free again once an invocation ends");
    }

    [Fact]
    public async Task InvokeAsync_WhenTheInvocationFails_ShouldFreeItsSlot()
    {
        var invoker = new LocalLambdaInvoker(
            new Dictionary<string, StepHandler> { [Limited] = (_, _) => throw new StepFailedException(StepFailedException.Transient, "connection reset") },
            new ReservedConcurrency(new Dictionary<string, int> { [Limited] = 1 }));

        for (var i = 0; i < 3; i++)
        {
            var error = (await Invoke(invoker, Limited).Invoking(t => t).Should().ThrowAsync<TaskFailedException>()).Which;
            error.Error.Should().Be(StepFailedException.Transient);
        }

        invoker.ThrottledCount(Limited).Should().Be(0);
    }

    [Fact]
    public async Task InvokeAsync_WhenNoLimitIsConfigured_ShouldRunEveryInvocation()
    {
        var held = new HeldHandlers();
        var invoker = new LocalLambdaInvoker(held.Handlers);

        var running = Enumerable.Range(0, 20).Select(_ => Invoke(invoker, Limited)).Append(Invoke(invoker, Free)).ToList();

        running.Should().NotContain(t => t.IsFaulted);
        held.Finish();
        await Task.WhenAll(running);
        held.Started.Should().Be(21);
        invoker.ThrottledCount(Limited).Should().Be(0);
    }

    [Fact]
    public async Task InvokeAsync_WhenReservedConcurrencyIsZero_ShouldRefuseEveryInvocation()
    {
        var held = new HeldHandlers();
        var invoker = new LocalLambdaInvoker(held.Handlers, new ReservedConcurrency(new Dictionary<string, int> { [Limited] = 0 }));

        var invocation = Invoke(invoker, Limited);

        invocation.IsFaulted.Should().BeTrue("a function with no concurrency never runs");
        (await invocation.Invoking(t => t).Should().ThrowAsync<TaskFailedException>()).Which.Error.Should().Be(LocalLambdaInvoker.TooManyRequests);
        held.Started.Should().Be(0);
        invoker.ThrottledCount(Limited).Should().Be(1);
    }

    [Fact]
    public void Constructor_WhenALimitNamesNoHandler_ShouldRefuseIt()
    {
        var create = () => new LocalLambdaInvoker(new HeldHandlers().Handlers,
            new ReservedConcurrency(new Dictionary<string, int> { ["load-to-stagin"] = 2 }));

        create.Should().Throw<ArgumentException>().WithMessage("*load-to-stagin*");
    }

    [Theory]
    [InlineData("dev", 2, 2, 1)]
    [InlineData("prod", 4, 4, 2)]
    public void FromStagesFile_WhenReadingTheShippedStages_ShouldGiveEachFunctionItsReservedConcurrency(string stage, int load, int status, int publish)
    {
        var reserved = ReservedConcurrency.FromStagesFile(Path.Combine(Repo.Root, "infra-cdk", "stages.json"), stage);

        reserved.ByHandler.Should().BeEquivalentTo(new Dictionary<string, int>
        {
            [StepHandlerTable.LoadToStaging] = load,
            [StepHandlerTable.LoadStatus] = status,
            [StepHandlerTable.PublishDrop] = publish,
        });
        var handlers = LocalBindings.Values.Values.Where(v => v.Contains(":function:", StringComparison.Ordinal)).Select(LocalBindings.HandlerOf);
        handlers.Should().Contain(reserved.ByHandler.Keys, "every limit must name a function the definitions invoke");
    }

    [Fact]
    public void FromEnvironment_WhenStagesJsonIsBesideTheConfiguration_ShouldTakeTheDevStage()
    {
        var settings = LocalSettings.FromEnvironment(Path.Combine(Repo.Root, "warehouse"));

        settings.ReservedConcurrency.LimitOf(StepHandlerTable.LoadToStaging).Should().Be(2);
        settings.ReservedConcurrency.LimitOf(StepHandlerTable.RouteFile).Should().BeNull();
    }
}
