using HealthDw.Core.Pipeline;

namespace HealthDw.Functions.Steps;

/// <param name="ExecutionId">The calling execution, for log lines.</param>
public sealed record DropStatusRequest(DropId DropId, string? ExecutionId = null);
