using HealthDw.Core.Checks;

namespace HealthDw.Core.Publishing;

/// <summary>
/// One step of a publish as it happens, for a display: a model started or built, a table's checks started, a check
/// evaluated. Names, counts and outcomes only: never a value measured in the data (a check's max may be a cell).
/// </summary>
/// <param name="Name">The model, or for checks the table, or <c>table.check</c> for one check.</param>
/// <param name="Done">Models built, or checks evaluated, so far in this run.</param>
/// <param name="Total">Models, or checks, in this run.</param>
/// <param name="Outcome">A check's outcome (<see cref="PublishProgressKind.CheckEvaluated"/> only).</param>
/// <param name="Elapsed">How long the model took (<see cref="PublishProgressKind.ModelBuilt"/> only).</param>
public sealed record PublishProgress(PublishProgressKind Kind, string Name, int Done, int Total, CheckOutcome? Outcome = null,
    TimeSpan? Elapsed = null);
