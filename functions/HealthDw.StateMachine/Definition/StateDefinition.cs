using HealthDw.StateMachine.Paths;

namespace HealthDw.StateMachine.Definition;

/// <summary>
/// The fields every state shares. A null <see cref="InputPath"/> or <see cref="OutputPath"/> stands for
/// the JSON <c>null</c> in the definition (input or output discarded, spec "Input and Output Processing");
/// an absent field defaults to <c>$</c>.
/// </summary>
internal abstract class StateDefinition
{
    public required string Name { get; init; }

    /// <summary>Where the state sits in the definition, as a JSON Pointer.</summary>
    public required string Pointer { get; init; }

    public abstract string Type { get; }

    public JsonPath? InputPath { get; init; } = JsonPath.Root;

    public JsonPath? OutputPath { get; init; } = JsonPath.Root;

    /// <summary>The state to run next; null for terminal states and Choice states.</summary>
    public string? Next { get; init; }

    public bool IsEnd { get; init; }
}
