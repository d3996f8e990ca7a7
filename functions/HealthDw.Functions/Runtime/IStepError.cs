namespace HealthDw.Functions.Runtime;

/// <summary>
/// An exception with a stable error name: the host posts it as the invocation error's errorType,
/// which is what the state machines' Retry and Catch match on (e.g. "ValidationFailed"). Exceptions
/// without it are posted under their type's name (e.g. "HttpRequestException").
/// </summary>
public interface IStepError
{
    string ErrorName { get; }
}
