using HealthDw.Cloud.Tests.Support;
using HealthDw.Core.Ports;
using HealthDw.Functions.Secrets;

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
    public async Task GetAsync_WhenExtensionAnswers400ForAnotherReason_ShouldThrowSecretUnavailable()
    {
        await using var extension = new SecretsExtensionStub(_ => StubResponse.Text(400, "not ready to serve traffic, please wait"));
        using var http = new HttpClient();

        var get = () => new LambdaExtensionSecrets(http, extension.Environment()).GetAsync("busy", CancellationToken.None);

        (await get.Should().ThrowAsync<SecretUnavailableException>()).Which.ErrorName.Should().Be("SecretUnavailable");
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
    }

    [Fact]
    public async Task GetAsync_WhenNothingListens_ShouldThrowSecretUnavailable()
    {
        var environment = new FakeEnvironment((LambdaExtensionSecrets.TokenVariable, SecretsExtensionStub.Token),
            (LambdaExtensionSecrets.PortVariable, LoopbackHttpServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var http = new HttpClient();

        var get = () => new LambdaExtensionSecrets(http, environment).GetAsync("slack-webhook", CancellationToken.None);

        await get.Should().ThrowAsync<SecretUnavailableException>().WithMessage("*did not answer*");
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
}
