namespace HealthDw.StateMachine;

/// <summary>No state machine is registered under this name or ARN (Step Functions' StateMachineDoesNotExist).</summary>
public sealed class StateMachineDoesNotExistException(string stateMachine)
    : Exception($"State Machine Does Not Exist: '{stateMachine}'")
{
    public string StateMachine { get; } = stateMachine;
}
