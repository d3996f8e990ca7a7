namespace HealthDw.Core.Pipeline;

/// <summary>One state machine of <see cref="StepContract"/>: its name (statemachine/&lt;name&gt;.asl.json), and the
/// <c>${…}</c> placeholder that stands for it in the definitions that start it (null when none does).</summary>
public sealed record ContractStateMachine
{
    public required string Name { get; init; }

    public string? Placeholder { get; init; }

    public required IReadOnlyList<string> UsedIn { get; init; }
}
