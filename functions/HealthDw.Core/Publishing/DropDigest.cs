using System.Globalization;
using HealthDw.Core.Checks;
using HealthDw.Core.Drops;
using HealthDw.Core.Ports;

namespace HealthDw.Core.Publishing;

/// <summary>The one message a drop gets: files loaded and rejected, rows, checks passed, warned and
/// failed with the failing ones named, reconciliation, duration. Counts and names, never values.
/// <para>A refusal stays on record (audit.file_rejections) when the same file version is replayed and loaded later
/// (<c>healthdw replay</c>); such a file is no longer rejected: it is listed as "refused, then replayed and loaded", and
/// only versions the ledger does not hold count as rejected. A version refused twice counts once.</para></summary>
public static class DropDigest
{
    private const int MaxListed = 10;

    /// <summary>"1 problem", "3 problems".</summary>
    public static string Problems(int count) => count == 1 ? "1 problem" : $"{count} problems";

    public static (string Summary, IReadOnlyList<string> Lines) Build(PublishOutcome outcome, DropState state,
        IReadOnlyList<Rejection> refusals, IReadOnlyList<LedgerEntry> loads)
    {
        var loaded = loads.Select(l => (l.Bucket, l.Key, l.VersionToken)).ToHashSet();
        var byVersion = refusals.GroupBy(r => (r.Bucket, r.Key, r.VersionToken)).Select(g => g.MaxBy(r => r.RejectedAt)!).ToList();
        var rejections = byVersion.Where(r => !loaded.Contains((r.Bucket, r.Key, r.VersionToken))).ToList();
        var replayed = byVersion.Where(r => loaded.Contains((r.Bucket, r.Key, r.VersionToken))).ToList();
        var c = CultureInfo.InvariantCulture;
        var summary = outcome.Published
            ? string.Create(c, $"published: {state.LoadedFiles} files, {state.LoadedRows:N0} rows; checks {outcome.Passed} passed, {outcome.Warned} warned; {outcome.Duration.TotalSeconds:0.0} s")
            : string.Create(c, $"not published: {Problems(outcome.Blockers.Count)}; the analytics schema is unchanged");
        var lines = new List<string>
        {
            string.Create(c, $"files: {state.LoadedFiles} loaded ({state.LoadedRows:N0} rows), {rejections.Count} rejected"),
        };
        lines.AddRange(rejections.Take(MaxListed).Select(r => $"rejected {r.Key}: {r.FirstProblem}"));
        if (rejections.Count > MaxListed) lines.Add($"… and {rejections.Count - MaxListed} more rejected files");
        lines.AddRange(replayed.Take(MaxListed).Select(r => $"refused, then replayed and loaded: {r.Key} (refused for: {r.FirstProblem})"));
        if (replayed.Count > MaxListed) lines.Add($"… and {replayed.Count - MaxListed} more files refused, then replayed and loaded");
        lines.Add($"checks: {outcome.Passed} passed, {outcome.Warned} warned, {outcome.Failed} failed");
        foreach (var result in outcome.Checks.Where(r => r.Outcome != CheckOutcome.Pass).OrderBy(r => r.Outcome == CheckOutcome.Warn).Take(MaxListed * 2))
            lines.Add($"{(result.Outcome == CheckOutcome.Fail ? "FAIL" : "warn")} {result.Check.Table}: {result.Check.Name} — {result.Detail}{result.At}");
        lines.AddRange(outcome.Reconciliation.Select(l => $"reconciled {l}"));
        lines.AddRange(outcome.Mismatches.Select(m => $"manifest: {m}"));
        lines.Add(string.Create(c, $"models: {outcome.Models.Count} built ({outcome.Models.Count(m => m.Merged)} merged); took {outcome.Duration.TotalSeconds:0.0} s"));
        return (summary, lines);
    }
}
