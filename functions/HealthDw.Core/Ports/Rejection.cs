namespace HealthDw.Core.Ports;

/// <summary>A file version that was refused, for the audit trail (positions and rules only).</summary>
public sealed record Rejection(
    string Bucket, string Key, string VersionToken, string? Table, string? DropId, string Stage,
    long ProblemCount, string FirstProblem, string ErrorReportKey, DateTimeOffset RejectedAt);
