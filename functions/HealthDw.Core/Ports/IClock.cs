namespace HealthDw.Core.Ports;

/// <summary>Time and new ids, injectable so tests can run on a virtual clock.</summary>
public interface IClock
{
    DateTimeOffset Now { get; }

    Guid NewId();
}
