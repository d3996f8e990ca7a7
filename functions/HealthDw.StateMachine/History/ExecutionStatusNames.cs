namespace HealthDw.StateMachine.History;

/// <summary>Converts <see cref="ExecutionStatus"/> to and from Step Functions' names (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED).</summary>
public static class ExecutionStatusNames
{
    public static string ToName(this ExecutionStatus status) => status switch
    {
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        ExecutionStatus.Aborted => "ABORTED",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static ExecutionStatus Parse(string name) => name switch
    {
        "RUNNING" => ExecutionStatus.Running,
        "SUCCEEDED" => ExecutionStatus.Succeeded,
        "FAILED" => ExecutionStatus.Failed,
        "TIMED_OUT" => ExecutionStatus.TimedOut,
        "ABORTED" => ExecutionStatus.Aborted,
        _ => throw new FormatException($"'{name}' is not an execution status"),
    };
}
