namespace HealthDw.Functions.Steps;

/// <param name="ExecutionId">The calling execution, for log lines.</param>
public sealed record DropStatusRequest(string DropId, string? ExecutionId = null);
