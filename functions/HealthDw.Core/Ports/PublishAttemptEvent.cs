namespace HealthDw.Core.Ports;

/// <summary>
/// One moment of a publish-drop execution, kept in audit.publish_attempts: its build began, or it ended (published, blocked,
/// failed). Is Drop Complete? reads them to name the drop's next publish (<see cref="PublishPlan"/>) without asking Step
/// Functions, so a drop whose publish was blocked or failed is published again when a newer file comes.
/// </summary>
/// <param name="ExecutionName">The publish-drop execution: <c>drop-&lt;id&gt;</c> or <c>drop-&lt;id&gt;-r&lt;n&gt;</c>.</param>
/// <param name="Event">One of <see cref="Building"/>, <see cref="Published"/>, <see cref="Blocked"/>, <see cref="Failed"/>.</param>
public sealed record PublishAttemptEvent(string DropId, string ExecutionName, string Event, DateTimeOffset At)
{
    /// <summary>Build Models began: the build reads staging from this moment on.</summary>
    public const string Building = "building";

    public const string Published = "published";

    /// <summary>A check failed or the totals disagreed: the build was discarded.</summary>
    public const string Blocked = "blocked";

    /// <summary>A step failed for good, or the drop was given up as incomplete.</summary>
    public const string Failed = "failed";
}
