using HealthDw.Cloud.Tests.Support;
using HealthDw.Functions.Runtime;

namespace HealthDw.Cloud.Tests.Runtime;

public sealed class LambdaRuntimeClientTests
{
    [Fact]
    public async Task NextAsync_WhenInvocationArrives_ShouldReadDocumentedHeadersAndPayload()
    {
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(1_542_409_706_888);
        await using var api = new RuntimeApiStub(new StubInvocation("8476a536-e9f4-11e8-9739-2dfe598c3fcd", """{"detail":{}}""", deadline,
            "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"));
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

        var next = await new LambdaRuntimeClient(http, api.RuntimeApi).NextAsync(CancellationToken.None);

        next.Context.Should().Be(new InvocationContext("8476a536-e9f4-11e8-9739-2dfe598c3fcd", deadline, StubInvocation.FunctionArn,
            "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"));
        System.Text.Encoding.UTF8.GetString(next.Payload.Span).Should().Be("""{"detail":{}}""");
    }

    [Fact]
    public async Task PostResponseAsync_WhenApiRefuses_ShouldThrowWithStatus()
    {
        await using var server = new LoopbackHttpServer((_, _) => Task.FromResult(
            StubResponse.Text(413, """{"errorMessage":"Exceeded maximum allowed payload size","errorType":"RequestEntityTooLarge"}""")));
        using var http = new HttpClient();

        var post = () => new LambdaRuntimeClient(http, server.HostAndPort).PostResponseAsync("req-1", [1, 2, 3], CancellationToken.None);

        (await post.Should().ThrowAsync<LambdaRuntimeApiException>()).Which.StatusCode.Should().Be(413);
    }

    [Fact]
    public void FromEnvironment_WhenRuntimeApiIsUnset_ShouldThrowNamingTheVariable()
    {
        var create = () => LambdaRuntimeClient.FromEnvironment(new FakeEnvironment());

        create.Should().Throw<InvalidOperationException>().WithMessage("*AWS_LAMBDA_RUNTIME_API*");
    }
}
