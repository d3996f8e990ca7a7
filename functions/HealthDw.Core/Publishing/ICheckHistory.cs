namespace HealthDw.Core.Publishing;

/// <summary>Keeps every drop's check results and publish decision in the warehouse's audit schema. A port that speaks <see cref="PublishOutcome"/>,
/// so it lives beside it: in Ports it made Ports and Publishing depend on each other.</summary>
public interface ICheckHistory
{
    Task RecordAsync(PublishOutcome outcome, DateTimeOffset at, CancellationToken ct);
}
