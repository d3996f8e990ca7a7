namespace HealthDw.Core.Doctor;

/// <summary>How long the canary waits for the workflow, and what to tell the user when it does not arrive.</summary>
public sealed record CanaryOptions
{
    /// <summary>How long to wait for the file in <c>processed/</c> (or <c>error_files/</c>) after it was written.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where to look when the file never arrives: the executions on this host.</summary>
    public string WhereToLook { get; init; } = "the ingest-file executions";

    public IReadOnlyList<string> Needs { get; init; } = [];
}
