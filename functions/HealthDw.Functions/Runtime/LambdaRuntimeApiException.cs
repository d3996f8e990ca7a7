namespace HealthDw.Functions.Runtime;

/// <summary>The Runtime API refused a request or answered something the documented protocol does not allow.</summary>
public sealed class LambdaRuntimeApiException(string message, int? statusCode = null) : Exception(message)
{
    public int? StatusCode { get; } = statusCode;
}
