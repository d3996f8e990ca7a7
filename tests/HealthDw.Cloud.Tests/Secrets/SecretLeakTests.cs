using HealthDw.Cloud.Tests.Runtime;
using HealthDw.Cloud.Tests.Support;
using HealthDw.Core.Ports;
using HealthDw.Hosting.Secrets;
using Handler = System.Func<System.ReadOnlyMemory<byte>, HealthDw.Functions.Runtime.InvocationContext, System.Threading.CancellationToken,
    System.Threading.Tasks.Task<byte[]>>;

namespace HealthDw.Cloud.Tests.Secrets;

/// <summary>A secret's value (and the session token) must never reach an exception message or a log line.</summary>
public sealed class SecretLeakTests
{
    private const string Value = "s3cr3t-VALUE-4f9a";

    public static TheoryData<int, string> FailingAnswers => new()
    {
        { 500, $"internal error while reading {Value} with token {SecretsExtensionStub.Token}" },
        { 200, $"{{\"SecretString\": {Value}}}" },
        { 200, $"not json {Value}" },
        { 200, $"[\"{Value}\"]" },
        { 403, $"token {SecretsExtensionStub.Token} is not valid" },
        { 400, $"bad request for {Value}" },
    };

    [Theory]
    [MemberData(nameof(FailingAnswers))]
    public async Task GetAsync_WhenExtensionAnswerQuotesValueOrToken_ShouldKeepThemOutOfTheException(int status, string body)
    {
        await using var extension = new SecretsExtensionStub(_ => StubResponse.Text(status, body));
        using var http = new HttpClient();

        var get = () => new LambdaExtensionSecrets(http, extension.Environment()).GetAsync("snowflake-key", CancellationToken.None);

        var thrown = (await get.Should().ThrowAsync<Exception>()).Which;
        thrown.Message.Should().Contain("snowflake-key");
        thrown.ToString().Should().NotContain(Value).And.NotContain(SecretsExtensionStub.Token);
    }

    [Fact]
    public async Task RunAsync_WhenHandlerUsesSecretsAndFails_ShouldLogAndPostNeitherValueNorToken()
    {
        await using var extension = new SecretsExtensionStub();
        extension.Add("snowflake-key", Value);
        using var http = new HttpClient();
        var secrets = new LambdaExtensionSecrets(http, extension.Environment());
        Handler handler = async (_, _, ct) =>
        {
            var key = await secrets.GetAsync("snowflake-key", ct);
            await secrets.GetAsync("slack-webhook", ct); // not configured: fails after a secret was read
            return System.Text.Encoding.UTF8.GetBytes(key);
        };
        await using var harness = new HostHarness("load-to-staging", new Dictionary<string, Handler> { ["load-to-staging"] = handler },
            HostHarness.Invocation("req-secret", "{}"));

        await harness.RunUntilIdleAsync(queued: 1);

        var error = harness.Api.Requests.Single(r => r.Method == "POST");
        error.Header("Lambda-Runtime-Function-Error-Type").Should().Be(nameof(SecretNotFoundException));
        error.BodyText.Should().Contain("slack-webhook").And.NotContain(Value).And.NotContain(SecretsExtensionStub.Token);
        harness.OutputLines.Should().NotBeEmpty().And.OnlyContain(l => !l.Contains(Value) && !l.Contains(SecretsExtensionStub.Token));
    }

    [Fact]
    public async Task GetAsync_WhenSecretsFileIsMalformed_ShouldNotQuoteIt()
    {
        var file = Path.Combine(Path.GetTempPath(), $"healthdw-secrets-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, $"{{\"snowflake-key\": {Value}}}");
        try
        {
            var get = () => new EnvironmentSecrets(new FakeEnvironment(), file).GetAsync("snowflake-key", CancellationToken.None);

            var thrown = (await get.Should().ThrowAsync<InvalidDataException>()).Which;
            thrown.Message.Should().Contain(file);
            thrown.ToString().Should().NotContain(Value);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
