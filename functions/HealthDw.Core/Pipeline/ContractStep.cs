namespace HealthDw.Core.Pipeline;

/// <summary>One Lambda step of <see cref="StepContract"/>: the handler name (the Lambda's <c>_HANDLER</c>, the local
/// function name), the <c>${…}</c> placeholder that stands for its function, and the state machines that invoke it.</summary>
public sealed record ContractStep
{
    public required string Handler { get; init; }

    public required string Placeholder { get; init; }

    public required IReadOnlyList<string> UsedIn { get; init; }
}
