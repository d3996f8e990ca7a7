namespace HealthDw.StateMachine.Definition;

/// <summary>A definition fault found while reading; becomes an <see cref="AslDefinitionException"/> naming the definition.</summary>
internal sealed class DefinitionError(string pointer, string reason) : Exception(reason)
{
    public string Pointer { get; } = pointer;

    public string Reason { get; } = reason;
}
