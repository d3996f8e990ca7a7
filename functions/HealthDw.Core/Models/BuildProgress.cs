namespace HealthDw.Core.Models;

/// <summary>A drop's build under way: every model's state, as Build Models and each Check Models poll hand it on.</summary>
/// <param name="Done">Every model is built: the checks can run.</param>
/// <param name="WaitSeconds">How long the workflow waits before it looks again (<see cref="Publishing.PollSchedule"/>: short at first, longer as the build goes on).</param>
/// <param name="Failure">The model that failed and the warehouse's error (no values), once the statements still running have ended.</param>
public sealed record BuildProgress(string BuildSchema, DateTimeOffset StartedAt, IReadOnlyList<ModelProgress> Models, bool Done, int WaitSeconds,
    string? Failure = null)
{
    public int Built => Models.Count(m => m.Status == ModelProgress.Built);

    public int Running => Models.Count(m => m.Status == ModelProgress.Running);
}
