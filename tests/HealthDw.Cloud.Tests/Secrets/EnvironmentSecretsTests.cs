using HealthDw.Cloud.Tests.Support;
using HealthDw.Core.Ports;
using HealthDw.Hosting.Secrets;

namespace HealthDw.Cloud.Tests.Secrets;

public sealed class EnvironmentSecretsTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"healthdw-secrets-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    [Theory]
    [InlineData("slack-webhook", "HEALTHDW_SECRET_SLACK_WEBHOOK")]
    [InlineData("healthdw/snowflake.key", "HEALTHDW_SECRET_HEALTHDW_SNOWFLAKE_KEY")]
    [InlineData("clé2", "HEALTHDW_SECRET_CL_2")]
    public void VariableFor_WhenIdHasPunctuation_ShouldUpperCaseAndUnderscore(string id, string variable)
    {
        EnvironmentSecrets.VariableFor(id).Should().Be(variable);
    }

    [Fact]
    public async Task GetAsync_WhenVariableIsSet_ShouldReturnItBeforeTheFile()
    {
        await File.WriteAllTextAsync(_file, """{"healthdw/snowflake.key": "from-file"}""");
        var environment = new FakeEnvironment(("HEALTHDW_SECRET_HEALTHDW_SNOWFLAKE_KEY", "from-variable"));

        var value = await new EnvironmentSecrets(environment, _file).GetAsync("healthdw/snowflake.key", CancellationToken.None);

        value.Should().Be("from-variable");
    }

    [Fact]
    public async Task GetAsync_WhenOnlyTheFileHasIt_ShouldReturnTheFileValue()
    {
        await File.WriteAllTextAsync(_file, """{"slack-webhook": "https://hooks.example/T/B/X", "other": "y"}""");

        var value = await new EnvironmentSecrets(new FakeEnvironment(), _file).GetAsync("slack-webhook", CancellationToken.None);

        value.Should().Be("https://hooks.example/T/B/X");
    }

    [Fact]
    public async Task GetAsync_WhenNowhere_ShouldThrowSecretNotFoundNamingVariableAndFile()
    {
        await File.WriteAllTextAsync(_file, "{}");

        var get = () => new EnvironmentSecrets(new FakeEnvironment(), _file).GetAsync("slack-webhook", CancellationToken.None);

        (await get.Should().ThrowAsync<SecretNotFoundException>())
            .Which.Message.Should().Contain("'slack-webhook'").And.Contain("HEALTHDW_SECRET_SLACK_WEBHOOK").And.Contain(_file);
    }

    [Fact]
    public async Task GetAsync_WhenFileIsMissing_ShouldThrowSecretNotFoundSayingSo()
    {
        var get = () => new EnvironmentSecrets(new FakeEnvironment(), _file).GetAsync("slack-webhook", CancellationToken.None);

        await get.Should().ThrowAsync<SecretNotFoundException>().WithMessage("*does not exist*");
    }
}
