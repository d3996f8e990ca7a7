namespace HealthDw.Core.Checks;

/// <summary>One table's checks under way: the handle of its metrics query while it runs, and how long it took.</summary>
/// <param name="Status"><see cref="Running"/>, <see cref="Done"/> or <see cref="Failed"/>.</param>
public sealed record CheckTableProgress(string Table, string Status, string? Handle = null, DateTimeOffset? StartedAt = null, double? Seconds = null)
{
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}
