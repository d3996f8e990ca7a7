namespace HealthDw.Functions.Steps;

/// <summary>Archive File's input: the file, and the verdict that decides where it goes.</summary>
public sealed record ArchiveRequest(FileRef File, CheckResult? Verdict, string? Reason = null);
