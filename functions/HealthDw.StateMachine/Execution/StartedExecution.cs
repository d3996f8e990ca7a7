using HealthDw.StateMachine.History;

namespace HealthDw.StateMachine.Execution;

/// <summary>An execution that has been started, and its eventual record.</summary>
internal sealed record StartedExecution(string ExecutionArn, DateTimeOffset StartDate, Task<ExecutionRecord> Completion);
