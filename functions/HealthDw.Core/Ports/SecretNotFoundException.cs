namespace HealthDw.Core.Ports;

/// <summary>A secret that is not configured. The message names the secret's id and where it was looked for.</summary>
public sealed class SecretNotFoundException(string secretId, string lookedIn)
    : Exception($"secret '{secretId}' is not configured ({lookedIn})")
{
    public string SecretId { get; } = secretId;
}
