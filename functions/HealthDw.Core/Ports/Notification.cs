namespace HealthDw.Core.Ports;

/// <summary>One message for the team. <c>Kind</c>: file_rejected, step_failed, drop_incomplete, drop_published.</summary>
public sealed record Notification(string Kind, string? DropId, string? FileKey, string Summary, string? ExecutionId, DateTimeOffset At);
