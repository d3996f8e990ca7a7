using HealthDw.Core.Ports;
using HealthDw.Functions.Runtime;

namespace HealthDw.Hosting.Secrets;

/// <summary>
/// A secret could not be fetched: the extension is not answering, not ready, refused the token, or sent something
/// unreadable. <see cref="IsTransient"/> says whether asking again later may help (not ready, a 5xx, no connection, a
/// timeout), unlike a refused token or <see cref="SecretNotFoundException"/>. The message names the secret's id and what
/// went wrong; never the value, the token or the response body. It has no inner exception, whose message could quote the
/// response.
/// </summary>
public sealed class SecretUnavailableException(string secretId, string reason, bool isTransient = false)
    : Exception($"secret '{secretId}' is unavailable: {reason}"), IStepError, ITransientFailure
{
    public string SecretId { get; } = secretId;

    public string ErrorName => "SecretUnavailable";

    public bool IsTransient { get; } = isTransient;
}
