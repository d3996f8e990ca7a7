using HealthDw.Core.Checks;
using HealthDw.Core.Models;

namespace HealthDw.Core.Publishing;

/// <summary>What happened to a drop's build: published, or blocked and why.</summary>
public sealed record PublishOutcome(
    string DropId, bool Published, IReadOnlyList<ModelRun> Models, IReadOnlyList<CheckResult> Checks,
    IReadOnlyList<Reconciliation.Line> Reconciliation, IReadOnlyList<string> Mismatches, TimeSpan Duration)
{
    public int Passed => Checks.Count(c => c.Outcome == CheckOutcome.Pass);

    public int Warned => Checks.Count(c => c.Outcome == CheckOutcome.Warn);

    public int Failed => Checks.Count(c => c.Outcome == CheckOutcome.Fail);

    /// <summary>Why the drop was not published, one line each (check names, counts, and files and lines of the rows; no values).</summary>
    public IReadOnlyList<string> Blockers =>
    [
        .. Checks.Where(c => c.Outcome == CheckOutcome.Fail).Select(c => $"{c.Check.Table}: {c.Check.Name} — {c.Detail}{c.At}"),
        .. Reconciliation.Where(l => !l.Matches).Select(l => $"reconciliation: {l}"),
        .. Mismatches.Select(m => $"manifest: {m}"),
    ];
}
