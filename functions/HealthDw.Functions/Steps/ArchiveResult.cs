namespace HealthDw.Functions.Steps;

/// <summary>Where the file went: processed/ or error_files/ (with the report's key), and one line
/// for people (alerts, the execution's cause): file, rule and position, never a value.</summary>
public sealed record ArchiveResult(StepStatus Outcome, string ArchivedKey, string? ErrorReportKey, string Summary);
