namespace HealthDw.Functions.Runtime;

/// <summary>How one invocation ended, for its log line.</summary>
public enum InvocationOutcome
{
    Success,
    Error,
}
