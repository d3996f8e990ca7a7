namespace HealthDw.StateMachine;

/// <summary>
/// A state machine definition that breaks the Amazon States Language, found when it is loaded.
/// <see cref="Pointer"/> locates the offending field as a JSON Pointer into the definition
/// (for example <c>/States/Load/Retry/0/ErrorEquals</c>); the message names it and says what is wrong.
/// </summary>
public sealed class AslDefinitionException : Exception
{
    public AslDefinitionException(string definitionName, string pointer, string reason)
        : base($"state machine '{definitionName}' is invalid at {(pointer.Length == 0 ? "/" : pointer)}: {reason}")
    {
        DefinitionName = definitionName;
        Pointer = pointer;
        Reason = reason;
    }

    public string DefinitionName { get; }

    /// <summary>A JSON Pointer (RFC 6901) to the field at fault; empty for the whole document.</summary>
    public string Pointer { get; }

    public string Reason { get; }
}
