namespace HealthDw.StateMachine.Execution;

/// <summary>Counts failed iterations against a <see cref="Tolerance"/>; thread-safe.</summary>
internal sealed class FailureCounter(Tolerance tolerance, int total)
{
    private int _failed;
    private volatile bool _stopped;

    public bool IsTolerant => tolerance.IsSet;

    /// <summary>True once an iteration has failed the Map state: no further iteration should start.</summary>
    public bool Stopped => _stopped;

    public void Stop() => _stopped = true;

    /// <summary>Counts one more failure; true while the failures stay within the tolerance (otherwise it also stops the Map).</summary>
    public bool Tolerates()
    {
        var failed = Interlocked.Increment(ref _failed);
        var tolerated = tolerance.IsSet
            && (tolerance.Count is not { } count || failed <= count)
            && (tolerance.Percentage is not { } percentage || failed * 100.0 / Math.Max(1, total) <= percentage);
        if (!tolerated)
            _stopped = true;
        return tolerated;
    }

    public StatesErrorException Exceeded(string stateName) =>
        new(StatesErrors.ExceedToleratedFailureThreshold,
            $"The Map state '{stateName}' failed because more of its {total} items failed than tolerated (count {tolerance.Count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unset"}, percentage {tolerance.Percentage?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unset"}).");
}
