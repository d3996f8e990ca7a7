namespace HealthDw.Core.Ports;

public sealed class SystemClock : IClock
{
    public DateTimeOffset Now => DateTimeOffset.UtcNow;

    public Guid NewId() => Guid.CreateVersion7();
}
