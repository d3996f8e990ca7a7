using Amazon.CDK;
using Amazon.CDK.AWS.SecretsManager;
using HealthDw.Infra.Configuration;

namespace HealthDw.Infra.Secrets;

/// <summary>
/// The two secrets, created with a random placeholder value: their real values are set out of band
/// (infra-cdk/README.md), so they never pass through the template, the repository or a pipeline log.
/// </summary>
public sealed class PipelineSecrets
{
    public PipelineSecrets(Stack scope, StageSettings stage)
    {
        SnowflakeKey = new Secret(scope, "SnowflakeKeySecret", new SecretProps
        {
            SecretName = $"healthdw/{stage.Name}/snowflake-private-key",
            Description = "HealthDw: the Snowflake service user's private key (PKCS#8 PEM). Set with put-secret-value.",
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        SlackWebhook = new Secret(scope, "SlackWebhookSecret", new SecretProps
        {
            SecretName = $"healthdw/{stage.Name}/slack-webhook",
            Description = "HealthDw: the Slack incoming-webhook URL for alerts and digests. Set with put-secret-value.",
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
    }

    public Secret SnowflakeKey { get; }

    public Secret SlackWebhook { get; }
}
