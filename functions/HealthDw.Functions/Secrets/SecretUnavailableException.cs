using HealthDw.Functions.Runtime;

namespace HealthDw.Functions.Secrets;

/// <summary>
/// A secret could not be fetched now (the extension is not answering, refused the token, or sent
/// something unreadable): worth a retry, unlike <see cref="Core.Ports.SecretNotFoundException"/>.
/// The message names the secret's id and what went wrong; never the value, the token or the
/// response body. It has no inner exception, whose message could quote the response.
/// </summary>
public sealed class SecretUnavailableException(string secretId, string reason)
    : Exception($"secret '{secretId}' is unavailable: {reason}"), IStepError
{
    public string SecretId { get; } = secretId;

    public string ErrorName => "SecretUnavailable";
}
