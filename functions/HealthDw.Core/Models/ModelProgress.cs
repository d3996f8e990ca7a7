namespace HealthDw.Core.Models;

/// <summary>One model of a build under way, as the workflow carries it from poll to poll (names, handles and times only).</summary>
/// <param name="Status"><see cref="Pending"/>, <see cref="Running"/>, <see cref="Built"/> or <see cref="Failed"/>.</param>
/// <param name="Handle">The warehouse's handle of the statement that builds it, while it runs.</param>
/// <param name="Seconds">How long it took, once it ended.</param>
public sealed record ModelProgress(string Model, string Status, string? Handle = null, bool Merged = false, DateTimeOffset? StartedAt = null,
    double? Seconds = null)
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Built = "built";
    public const string Failed = "failed";
}
