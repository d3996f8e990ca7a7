using Amazon.CDK.Assertions;
using HealthDw.Infra.Tests.Support;
using static HealthDw.Infra.Tests.Support.Json;

namespace HealthDw.Infra.Tests.Snowflake;

/// <summary>The two secrets exist with a generated placeholder; their values are set out of band and never appear in the template.</summary>
[Collection(InfraCollection.Name)]
public sealed class SecretTests(SynthesizedApp app)
{
    [Theory]
    [InlineData("healthdw/dev/snowflake-private-key")]
    [InlineData("healthdw/dev/slack-webhook")]
    public void Secret_WhenCreated_ShouldHoldAGeneratedPlaceholderAndBeRetained(string name)
    {
        app.Dev.Template.HasResource("AWS::SecretsManager::Secret", Like(
            ("Properties", Like(("Name", name), ("GenerateSecretString", Obj()), ("SecretString", Match.Absent()))),
            ("DeletionPolicy", "Retain")));
    }

    [Fact]
    public void Template_WhenRead_ShouldHoldNoSecretMaterial()
    {
        app.Dev.Json.Should().NotContain("\"SecretString\"").And.NotContain("PRIVATE KEY").And.NotContain("hooks.slack.com");
    }

    [Theory]
    [InlineData("SnowflakeKeySecretArn", "SnowflakeKeySecret")]
    [InlineData("SlackWebhookSecretArn", "SlackWebhookSecret")]
    public void Stack_WhenDeployed_ShouldOutputWhereToSetEachSecret(string output, string secret)
    {
        app.Dev.Template.HasOutput(output, Like(("Value", Ids.Ref(secret))));
    }
}
