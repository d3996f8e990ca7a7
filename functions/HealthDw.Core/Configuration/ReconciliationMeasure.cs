using HealthDw.Core.Models;

namespace HealthDw.Core.Configuration;

/// <summary>
/// One entry of <c>reconciliations.yml</c>: a figure computed on the staging side and on the analytics side of a
/// drop's build, which must agree within <paramref name="Tolerance"/>; optionally compared with the control total the
/// drop's manifest carries.
/// </summary>
/// <param name="Staging">The staging-side query, as a template (<c>{{ ref('model') }}</c> resolves into the drop's build schema).</param>
/// <param name="Analytics">The analytics-side query, as a template.</param>
public sealed record ReconciliationMeasure(
    string Name, string File, int Line, IReadOnlyList<TemplatePart> Staging, IReadOnlyList<TemplatePart> Analytics,
    ReconciliationControlTotal? ControlTotal, ReconciliationTolerance Tolerance);
