namespace HealthDw.Core.Publishing;

/// <summary>
/// How long the publish-drop workflow waits before it looks again at statements under way (its Wait states read the
/// number from the poll's result, SecondsPath). A fifth of the time the phase has run so far, at least
/// <see cref="FirstWaitSeconds"/> and at most <see cref="LongestWaitSeconds"/>: a build of a few seconds is seen to end
/// within about a second (the local demo), and a build of hours is looked at once a minute, so the looks of a long
/// build stay few. Step Functions keeps at most 25,000 events in an execution's history, each look costs a dozen, and
/// the drop's own wait for its files takes its share.
/// </summary>
public static class PollSchedule
{
    public const int FirstWaitSeconds = 1;

    public const int LongestWaitSeconds = 60;

    /// <summary>The wait before the next look, the phase having run for <paramref name="elapsed"/>.</summary>
    public static int WaitSeconds(TimeSpan elapsed) =>
        (int)Math.Clamp(Math.Ceiling(elapsed.TotalSeconds / 5), FirstWaitSeconds, LongestWaitSeconds);
}
