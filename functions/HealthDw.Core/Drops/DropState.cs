namespace HealthDw.Core.Drops;

/// <summary>Where a drop stands: complete or not, overdue or not, and what is still missing.</summary>
/// <param name="Missing">Tables (or manifest files) with nothing loaded yet.</param>
/// <param name="Mismatches">Loaded files whose row count differs from the manifest's.</param>
/// <param name="LastPublishedAt">When the drop was last published; null when it never was (a file loaded after it is late).</param>
/// <param name="ControlTotals">The manifest's <c>control_totals</c> (the source system's figures for the drop); null without them.</param>
public sealed record DropState(
    string DropId, bool Complete, bool Overdue, bool HasManifest, int LoadedFiles, long LoadedRows,
    IReadOnlyList<string> Missing, IReadOnlyList<string> Mismatches, DateTimeOffset? LastPublishedAt = null,
    IReadOnlyDictionary<string, decimal>? ControlTotals = null);
