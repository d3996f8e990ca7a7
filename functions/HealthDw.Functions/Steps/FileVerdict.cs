namespace HealthDw.Functions.Steps;

/// <summary>Validate File's and Load To Staging's verdict. <c>Status</c>: valid, loaded, already_loaded, rejected,
/// already_rejected (another execution of the same version refused and archived it: this one yields), or running (a long COPY in the warehouse; <c>Handle</c> says which, and Check Load asks again after a Wait).</summary>
public sealed record FileVerdict(
    StepStatus Status,
    string Stage,
    Guid? LoadId,
    long Rows,
    long Bytes,
    long DurationMs,
    long ProblemCount,
    IReadOnlyList<ProblemDto> Problems,
    IReadOnlyList<string> DeferredReferences,
    HealthDw.Core.Loading.LoadHandle? Handle = null)
{
    public bool Rejected => Status == StepStatus.Rejected;
}
