namespace HealthDw.Core.Ports;

/// <summary>One message for the team. <c>Kind</c>: file_rejected, step_failed, drop_incomplete, drop_published,
/// drop_blocked. <c>Lines</c> are the details (counts, names, positions: never a cell value); <c>Link</c>
/// points at the execution (the Step Functions console on AWS, the <c>executions show</c> command locally).</summary>
public sealed record Notification(
    string Kind, string? DropId, string? FileKey, string Summary, string? ExecutionId, DateTimeOffset At,
    IReadOnlyList<string>? Lines = null, string? Link = null);
