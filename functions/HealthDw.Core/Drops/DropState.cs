namespace HealthDw.Core.Drops;

/// <summary>Where a drop stands: complete or not, overdue or not, and what is still missing.</summary>
/// <param name="Missing">Tables (or manifest files) with nothing loaded yet.</param>
/// <param name="Mismatches">Loaded files whose row count differs from the manifest's.</param>
/// <param name="LastPublishedAt">When the drop was last published; null when it never was (a file loaded after it is late).</param>
/// <param name="ControlTotals">The manifest's <c>control_totals</c> (the source system's figures for the drop); null without them.</param>
/// <param name="LateFiles">routes.yml's late_files: "publish" (a late file publishes the drop again) or "notify".</param>
/// <param name="PublishName">The publish-drop execution to start for the drop now (<see cref="PublishPlan"/>): drop-&lt;id&gt;,
/// or drop-&lt;id&gt;-r&lt;n&gt; after an earlier attempt; when <paramref name="PublishCovered"/>, the attempt that covers it.</param>
/// <param name="PublishCovered">An attempt that began reading staging after the drop's newest load is running or has ended:
/// no new publish.</param>
/// <param name="PublishRunning">An attempt is building now; Check Drop waits for it before a new one builds.</param>
public sealed record DropState(
    string DropId, bool Complete, bool Overdue, bool HasManifest, int LoadedFiles, long LoadedRows,
    IReadOnlyList<string> Missing, IReadOnlyList<string> Mismatches, DateTimeOffset? LastPublishedAt = null,
    IReadOnlyDictionary<string, decimal>? ControlTotals = null, string LateFiles = "publish", string? PublishName = null,
    bool PublishCovered = false, bool PublishRunning = false);
