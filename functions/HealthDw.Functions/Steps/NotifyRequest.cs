namespace HealthDw.Functions.Steps;

/// <summary>Notify's input from the workflow: what happened, about which file or drop, in one line,
/// with detail lines for a drop's digest.</summary>
public sealed record NotifyRequest(string Kind, FileRef? File = null, string? DropId = null, string? Summary = null,
    StepFailure? Failure = null, string? ExecutionId = null, IReadOnlyList<string>? Lines = null);
