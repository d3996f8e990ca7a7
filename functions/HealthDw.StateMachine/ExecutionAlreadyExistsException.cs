namespace HealthDw.StateMachine;

/// <summary>
/// An execution with this name already exists for the state machine (Step Functions'
/// ExecutionAlreadyExists): names are unique per state machine, whether that execution is running
/// with a different input or has finished. A running execution with the same name and input is
/// returned instead, as the service treats such starts as idempotent.
/// </summary>
public sealed class ExecutionAlreadyExistsException(string executionArn)
    : Exception($"Execution Already Exists: '{executionArn}'")
{
    /// <summary>The error name a startExecution task fails with.</summary>
    public const string ErrorName = StatesErrors.ExecutionAlreadyExists;

    public string ExecutionArn { get; } = executionArn;
}
