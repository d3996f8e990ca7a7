namespace HealthDw.StateMachine.Randomness;

/// <summary>Where new identifiers come from: States.UUID() and the names of executions started without one.</summary>
public interface IIdSource
{
    /// <summary>A new version 4 UUID in its canonical lower-case text form.</summary>
    string NewUuid();
}
