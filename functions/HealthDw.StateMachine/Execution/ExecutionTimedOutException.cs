namespace HealthDw.StateMachine.Execution;

/// <summary>The execution ran past the definition's TimeoutSeconds.</summary>
internal sealed class ExecutionTimedOutException() : Exception("the execution ran past its TimeoutSeconds");
