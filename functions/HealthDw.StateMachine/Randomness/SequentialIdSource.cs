using System.Globalization;

namespace HealthDw.StateMachine.Randomness;

/// <summary>
/// Predictable UUIDs for tests: <c>00000000-0000-4000-8000-000000000001</c>, then <c>...002</c> and so on
/// (valid version 4 layout, counting up).
/// </summary>
public sealed class SequentialIdSource : IIdSource
{
    private long _next;

    public string NewUuid()
    {
        var n = Interlocked.Increment(ref _next);
        return "00000000-0000-4000-8000-" + n.ToString("x12", CultureInfo.InvariantCulture);
    }
}
