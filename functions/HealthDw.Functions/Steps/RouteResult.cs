namespace HealthDw.Functions.Steps;

/// <summary>Route File's output. <c>Kind</c> is routed, ignored, control or unknown; an unknown
/// file carries the verdict that sends it to error_files/.</summary>
public sealed record RouteResult(StepStatus Kind, FileRef File, string Reason, FileVerdict? Verdict = null);
