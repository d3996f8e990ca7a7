namespace HealthDw.Core.Drops;

/// <summary>Where a drop stands: complete or not, overdue or not, and what is still missing.</summary>
/// <param name="Missing">Tables (or manifest files) with nothing loaded yet.</param>
/// <param name="Mismatches">Loaded files whose row count differs from the manifest's.</param>
/// <param name="LastPublishedAt">When the drop was last published; null when it never was (a file loaded after it is late).</param>
/// <param name="ControlTotals">The manifest's <c>control_totals</c> (the source system's figures for the drop); null without them.</param>
/// <param name="LateFiles">routes.yml's late_files: "publish" (a late file publishes the drop again) or "notify".</param>
/// <param name="RepublishName">The execution name a late file's publish takes: drop-&lt;id&gt;-r&lt;loaded files&gt;, one per file loaded.</param>
public sealed record DropState(
    string DropId, bool Complete, bool Overdue, bool HasManifest, int LoadedFiles, long LoadedRows,
    IReadOnlyList<string> Missing, IReadOnlyList<string> Mismatches, DateTimeOffset? LastPublishedAt = null,
    IReadOnlyDictionary<string, decimal>? ControlTotals = null, string LateFiles = "publish", string? RepublishName = null);
