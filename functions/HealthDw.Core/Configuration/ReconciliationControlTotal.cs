using HealthDw.Core.Models;

namespace HealthDw.Core.Configuration;

/// <summary>
/// A reconciliation's link to the manifest: the manifest's <c>control_totals.&lt;Key&gt;</c> is the source system's
/// figure for the files of one drop, so it is compared with <paramref name="Drop"/>, the same figure computed over the
/// rows that drop loaded (usually with <c>{{ drop_loads() }}</c>), not with the warehouse's running total.
/// </summary>
public sealed record ReconciliationControlTotal(string Key, IReadOnlyList<TemplatePart> Drop);
