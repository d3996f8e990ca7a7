namespace HealthDw.StateMachine.History;

/// <summary>An execution's status; <see cref="ExecutionStatusNames"/> gives Step Functions' spelling (RUNNING, SUCCEEDED, ...).</summary>
public enum ExecutionStatus
{
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}
