namespace HealthDw.Infra.Steps;

/// <summary>Which secrets a step may read (through the Parameters and Secrets extension).</summary>
[Flags]
public enum StepSecrets
{
    None = 0,

    /// <summary>The Snowflake service user's private key (PKCS#8 PEM): every step that runs SQL.</summary>
    SnowflakeKey = 1,

    /// <summary>The Slack incoming-webhook URL.</summary>
    SlackWebhook = 2,
}
