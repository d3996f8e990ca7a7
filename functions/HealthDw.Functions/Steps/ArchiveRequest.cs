namespace HealthDw.Functions.Steps;

/// <summary>Archive File's input: the file, and the verdict that decides where it goes. A step that
/// failed for good (its retries spent) sends its <c>Failure</c> instead, and the file is refused.</summary>
public sealed record ArchiveRequest(FileRef File, FileVerdict? Verdict, StepFailure? Failure = null);
