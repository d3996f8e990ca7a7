using HealthDw.Core.Publishing;

namespace HealthDw.Functions.Steps;

/// <summary>Reconcile's output: each control total, staging against the build.</summary>
public sealed record ReconcileResult(IReadOnlyList<Reconciliation.Line> Lines, bool Matches);
