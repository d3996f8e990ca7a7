using HealthDw.Cloud.Tests.Support;
using HealthDw.Core.Ports;
using HealthDw.Hosting.Secrets;

namespace HealthDw.Cloud.Tests.Secrets;

public sealed class LambdaExtensionSecretsTests
{
    private const string KeyPair = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";

    [Fact]
    public async Task GetAsync_WhenExtensionHoldsSecret_ShouldSendTokenAndEncodedIdAndReturnSecretString()
    {
        await using var extension = new SecretsExtensionStub();
        extension.Add("healthdw/snowflake key+pair&x=1", KeyPair);
        using var http = new HttpClient();

        var value = await new LambdaExtensionSecrets(http, extension.Environment()).GetAsync("healthdw/snowflake key+pair&x=1", CancellationToken.None);

        value.Should().Be(KeyPair);
        var request = extension.Requests.Single();
        request.Header("X-Aws-Parameters-Secrets-Token").Should().Be(SecretsExtensionStub.Token);
        request.Query.Should().Be("?secretId=healthdw%2Fsnowflake%20key%2Bpair%26x%3D1");
        SecretsExtensionStub.SecretIdOf(request).Should().Be("healthdw/snowflake key+pair&x=1");
    }

    [Fact]
    public async Task GetAsync_WhenAskedTwice_ShouldAskExtensionOnce()
    {
        await using var extension = new SecretsExtensionStub();
        extension.Add("slack-webhook", "https://hooks.example/T000/B000/XXXX");
        using var http = new HttpClient();
        var secrets = new LambdaExtensionSecrets(http, extension.Environment());

        await secrets.GetAsync("slack-webhook", CancellationToken.None);
        var again = await secrets.GetAsync("slack-webhook", CancellationToken.None);

        again.Should().Be("https://hooks.example/T000/B000/XXXX");
        extension.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task GetAsync_WhenSecretIsMissing_ShouldThrowSecretNotFound()
    {
        await using var extension = new SecretsExtensionStub();
        using var http = new HttpClient();

        var get = () => new LambdaExtensionSecrets(http, extension.Environment()).GetAsync("nope", CancellationToken.None);

        (await get.Should().ThrowAsync<SecretNotFoundException>()).Which.SecretId.Should().Be("nope");
        extension.Requests.Should().ContainSingle("a missing secret is not retried");
    }

    [Fact]
    public async Task GetAsync_WhenExtensionAnswers404_ShouldThrowSecretNotFound()
    {
        await using var extension = new SecretsExtensionStub(_ => StubResponse.Text(404, "Not Found"));
        using var http = new HttpClient();

        var get = () => new LambdaExtensionSecrets(http, extension.Environment()).GetAsync("gone", CancellationToken.None);

        await get.Should().ThrowAsync<SecretNotFoundException>().WithMessage("*'gone'*");
    }

    [Fact]
    public async Task GetAsync_WhenExtensionAnswers400ForAnotherReason_ShouldThrowSecretUnavailableWithoutRetrying()
    {
        await using var extension = new SecretsExtensionStub(_ => StubResponse.Text(400, "AccessDeniedException: not authorized to perform secretsmanager:GetSecretValue"));
        using var http = new HttpClient();
        var waits = new List<TimeSpan>();

        var get = () => new LambdaExtensionSecrets(http, extension.Environment(), Recording(waits)).GetAsync("busy", CancellationToken.None);

        var thrown = (await get.Should().ThrowAsync<SecretUnavailableException>()).Which;
        (thrown.ErrorName, thrown.IsTransient).Should().Be(("SecretUnavailable", false));
        extension.Requests.Should().ContainSingle("access denied does not pass by waiting");
        waits.Should().BeEmpty();
    }

    // "Use AWS Secrets Manager secrets in AWS Lambda functions": the extension runs beside the function and, until it is
    // ready, answers 400 "not ready to serve traffic, please wait".
    [Fact]
    public async Task GetAsync_WhenTheExtensionIsNotReadyForItsFirstCalls_ShouldRetryWithGrowingWaitsAndReturnTheSecret()
    {
        await using var extension = new SecretsExtensionStub();
        extension.Add("snowflake-key", KeyPair);
        extension.NotReadyFor(2);
        using var http = new HttpClient();
        var waits = new List<TimeSpan>();

        var value = await new LambdaExtensionSecrets(http, extension.Environment(), Recording(waits)).GetAsync("snowflake-key", CancellationToken.None);

        value.Should().Be(KeyPair);
        extension.Requests.Should().HaveCount(3);
        waits.Should().Equal(LambdaExtensionSecrets.FirstRetryDelay, LambdaExtensionSecrets.FirstRetryDelay * 2);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task GetAsync_WhenTheExtensionAnswers5xxOnce_ShouldRetryAndReturnTheSecret(int status)
    {
        await using var extension = new SecretsExtensionStub();
        extension.Add("snowflake-key", KeyPair);
        extension.FailFirst(1, StubResponse.Text(status, ""));
        using var http = new HttpClient();
        var waits = new List<TimeSpan>();

        var value = await new LambdaExtensionSecrets(http, extension.Environment(), Recording(waits)).GetAsync("snowflake-key", CancellationToken.None);

        value.Should().Be(KeyPair);
        waits.Should().ContainSingle();
    }

    [Fact]
    public async Task GetAsync_WhenTheExtensionIsNeverReady_ShouldGiveUpAfterBoundedTriesWithATransientError()
    {
        await using var extension = new SecretsExtensionStub();
        extension.Add("snowflake-key", KeyPair);
        extension.NotReadyFor(int.MaxValue);
        using var http = new HttpClient();
        var waits = new List<TimeSpan>();

        var get = () => new LambdaExtensionSecrets(http, extension.Environment(), Recording(waits)).GetAsync("snowflake-key", CancellationToken.None);

        var thrown = (await get.Should().ThrowAsync<SecretUnavailableException>().WithMessage("*not ready*")).Which;
        thrown.IsTransient.Should().BeTrue("the state machine retries it as HealthDw.TransientError");
        extension.Requests.Should().HaveCount(LambdaExtensionSecrets.MaxAttempts);
        waits.Should().HaveCount(LambdaExtensionSecrets.MaxAttempts - 1).And.BeInAscendingOrder();
    }

    [Fact]
    public async Task GetAsync_WhenTheExtensionHangsPastTheClientsTimeout_ShouldFailTransientlyWithoutAskingAgain()
    {
        await using var extension = new SecretsExtensionStub();
        extension.Add("snowflake-key", KeyPair);
        extension.HoldAnswers();
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        var waits = new List<TimeSpan>();

        var get = () => new LambdaExtensionSecrets(http, extension.Environment(), Recording(waits)).GetAsync("snowflake-key", CancellationToken.None);

        (await get.Should().ThrowAsync<SecretUnavailableException>().WithMessage("*in time*")).Which.IsTransient.Should().BeTrue();
        waits.Should().BeEmpty("a hung extension is not waited out again within the invocation; the state machine retries later");
    }

    [Fact]
    public async Task GetAsync_WhenTheFirstCallFailedForGood_ShouldAskAgainOnTheNextCall()
    {
        await using var extension = new SecretsExtensionStub();
        extension.Add("snowflake-key", KeyPair);
        extension.NotReadyFor(LambdaExtensionSecrets.MaxAttempts);
        using var http = new HttpClient();
        var secrets = new LambdaExtensionSecrets(http, extension.Environment(), Recording([]));

        var first = () => secrets.GetAsync("snowflake-key", CancellationToken.None);
        await first.Should().ThrowAsync<SecretUnavailableException>();
        var second = await secrets.GetAsync("snowflake-key", CancellationToken.None);

        second.Should().Be(KeyPair, "a failure is not cached");
    }

    /// <summary>
    /// The extension caches a secret for SECRETS_MANAGER_TTL, 300 s by default ("Use AWS Secrets Manager secrets in AWS
    /// Lambda functions"); a rotated Snowflake key or Slack URL must reach a warm environment as it would through the
    /// extension alone, not stay stale for the environment's whole life.
    /// </summary>
    [Fact]
    public async Task GetAsync_WhenTheSecretRotatesAndTheTtlPasses_ShouldReadTheNewValue()
    {
        await using var extension = new SecretsExtensionStub();
        extension.Add("slack-webhook", "https://hooks.example/old");
        using var http = new HttpClient();
        var now = new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);
        var secrets = new LambdaExtensionSecrets(http, extension.Environment(), Recording([]), () => now);

        await secrets.GetAsync("slack-webhook", CancellationToken.None);
        extension.Add("slack-webhook", "https://hooks.example/new");
        now += LambdaExtensionSecrets.CacheFor - TimeSpan.FromSeconds(1);
        var withinTtl = await secrets.GetAsync("slack-webhook", CancellationToken.None);
        now += TimeSpan.FromSeconds(1);
        var afterTtl = await secrets.GetAsync("slack-webhook", CancellationToken.None);

        withinTtl.Should().Be("https://hooks.example/old", "within the TTL the value read is used");
        afterTtl.Should().Be("https://hooks.example/new");
        extension.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetAsync_WhenTokenIsWrong_ShouldThrowSecretUnavailableWithoutTheToken()
    {
        await using var extension = new SecretsExtensionStub();
        extension.Add("slack-webhook", "https://hooks.example/T000/B000/XXXX");
        using var http = new HttpClient();

        var get = () => new LambdaExtensionSecrets(http, extension.Environment("a-stale-token-value")).GetAsync("slack-webhook", CancellationToken.None);

        var thrown = await get.Should().ThrowAsync<SecretUnavailableException>().WithMessage("*401*");
        thrown.Which.ToString().Should().NotContain("a-stale-token-value");
        thrown.Which.IsTransient.Should().BeFalse();
        extension.Requests.Should().ContainSingle("a refused token is not retried");
    }

    [Fact]
    public async Task GetAsync_WhenNothingListens_ShouldRetryThenThrowATransientSecretUnavailable()
    {
        var environment = new FakeEnvironment((LambdaExtensionSecrets.TokenVariable, SecretsExtensionStub.Token),
            (LambdaExtensionSecrets.PortVariable, LoopbackHttpServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var http = new HttpClient();
        var waits = new List<TimeSpan>();

        var get = () => new LambdaExtensionSecrets(http, environment, Recording(waits)).GetAsync("slack-webhook", CancellationToken.None);

        (await get.Should().ThrowAsync<SecretUnavailableException>().WithMessage("*did not answer*")).Which.IsTransient.Should().BeTrue();
        waits.Should().HaveCount(LambdaExtensionSecrets.MaxAttempts - 1, "a refused connection is tried again, a bounded number of times");
    }

    [Fact]
    public async Task GetAsync_WhenSessionTokenIsUnset_ShouldThrowNamingTheVariable()
    {
        using var http = new HttpClient();

        var get = () => new LambdaExtensionSecrets(http, new FakeEnvironment()).GetAsync("slack-webhook", CancellationToken.None);

        await get.Should().ThrowAsync<SecretUnavailableException>().WithMessage("*AWS_SESSION_TOKEN*");
    }

    [Fact]
    public async Task GetAsync_WhenSecretIsBinary_ShouldThrowSecretUnavailable()
    {
        await using var extension = new SecretsExtensionStub(_ => StubResponse.Text(200, """{"Name":"cert","SecretBinary":"AAEC"}"""));
        using var http = new HttpClient();

        var get = () => new LambdaExtensionSecrets(http, extension.Environment()).GetAsync("cert", CancellationToken.None);

        await get.Should().ThrowAsync<SecretUnavailableException>().WithMessage("*SecretString*");
    }

    private static Func<TimeSpan, CancellationToken, Task> Recording(List<TimeSpan> waits) => (wait, _) =>
    {
        lock (waits)
            waits.Add(wait);
        return Task.CompletedTask;
    };
}
