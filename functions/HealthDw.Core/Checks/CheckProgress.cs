namespace HealthDw.Core.Checks;

/// <summary>A drop's checks under way, as Run Checks and each Check Checks poll hand it on: each table's query and the
/// verdicts so far.</summary>
/// <param name="Done">Every table's checks are evaluated.</param>
/// <param name="WaitSeconds">How long the workflow waits before it looks again (<see cref="Publishing.PollSchedule"/>).</param>
/// <param name="Failure">A table whose query the warehouse refused, and why (no values), once nothing runs any more.</param>
public sealed record CheckProgress(IReadOnlyList<CheckTableProgress> Tables, IReadOnlyList<CheckVerdict> Results, bool Done, int WaitSeconds,
    string? Failure = null)
{
    public int Running => Tables.Count(t => t.Status == CheckTableProgress.Running);
}
