namespace HealthDw.StateMachine.Randomness;

/// <summary>Random version 4 UUIDs from <see cref="Guid.NewGuid"/>.</summary>
public sealed class GuidIdSource : IIdSource
{
    public string NewUuid() => Guid.NewGuid().ToString("D");
}
