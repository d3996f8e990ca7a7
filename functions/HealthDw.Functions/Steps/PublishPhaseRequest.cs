using HealthDw.Core.Checks;
using HealthDw.Core.Drops;
using HealthDw.Core.Models;
using HealthDw.Core.Publishing;

namespace HealthDw.Functions.Steps;

/// <summary>A publish-drop phase's input: which phase, the drop as Check Drop found it, and what the phases before found.</summary>
/// <param name="Phase">One of <see cref="PublishDropHandler.Phases"/>.</param>
/// <param name="Drop">Check Drop's result, passed forward: no phase works the drop's state out again.</param>
/// <param name="ExecutionId">The calling execution, for log lines.</param>
public sealed record PublishPhaseRequest(
    string Phase, string DropId, DropState? Drop = null, BuildProgress? Build = null, CheckProgress? Checks = null,
    IReadOnlyList<Reconciliation.Line>? Reconciliation = null, string? ExecutionId = null);
