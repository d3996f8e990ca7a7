namespace HealthDw.Functions.Steps;

/// <summary>Where the file went: processed/ or error_files/ (with the report's key).</summary>
public sealed record ArchiveResult(string Outcome, string ArchivedKey, string? ErrorReportKey);
