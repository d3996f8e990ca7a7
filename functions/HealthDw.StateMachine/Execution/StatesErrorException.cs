namespace HealthDw.StateMachine.Execution;

/// <summary>
/// An error a state reports (spec, "Errors"): an error name and a human-readable cause.
/// <see cref="FromTask"/> marks errors raised by a Task state's resource, which
/// <c>States.TaskFailed</c> in ErrorEquals matches.
/// </summary>
internal sealed class StatesErrorException(string error, string? cause, bool fromTask = false)
    : Exception(cause is null ? error : $"{error}: {cause}")
{
    public string Error { get; } = error;

    public string? Cause { get; } = cause;

    public bool FromTask { get; } = fromTask;

    /// <summary>States.Runtime errors are never retried and never caught (Step Functions' rule).</summary>
    public bool IsTerminal => Error is StatesErrors.Runtime or StatesErrors.DataLimitExceeded;

    public static StatesErrorException Runtime(string cause) => new(StatesErrors.Runtime, cause);
}
