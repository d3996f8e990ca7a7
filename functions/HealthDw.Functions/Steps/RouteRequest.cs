using HealthDw.Functions.Events;

namespace HealthDw.Functions.Steps;

/// <summary>Route File's input from the workflow: the S3 event as EventBridge delivered it, and the execution's id.</summary>
public sealed record RouteRequest(S3ObjectCreatedEvent Event, string? ExecutionId);
