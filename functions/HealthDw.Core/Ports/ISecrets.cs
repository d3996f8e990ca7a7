namespace HealthDw.Core.Ports;

/// <summary>
/// Secrets (the Snowflake key pair, the Slack webhook): on Lambda from the Parameters and Secrets
/// extension, locally from the environment or a file outside the repository. A secret's value
/// must never reach a log line or an exception message.
/// </summary>
public interface ISecrets
{
    /// <summary>The secret's value; throws <see cref="SecretNotFoundException"/> (naming the id, never a value) when absent.</summary>
    Task<string> GetAsync(string secretId, CancellationToken ct);
}
