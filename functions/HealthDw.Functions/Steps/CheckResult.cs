namespace HealthDw.Functions.Steps;

/// <summary>Validate File's and Load To Staging's verdict. <c>Status</c>: valid, loaded, already_loaded or rejected.</summary>
public sealed record CheckResult(
    string Status,
    string Stage,
    Guid? LoadId,
    long Rows,
    long Bytes,
    long DurationMs,
    long ProblemCount,
    IReadOnlyList<ProblemDto> Problems,
    IReadOnlyList<string> DeferredReferences)
{
    public bool Rejected => Status == StepStatus.Rejected;
}
