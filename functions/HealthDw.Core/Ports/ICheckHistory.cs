using HealthDw.Core.Publishing;

namespace HealthDw.Core.Ports;

/// <summary>Keeps every drop's check results and publish decision in the warehouse's audit schema.</summary>
public interface ICheckHistory
{
    Task RecordAsync(PublishOutcome outcome, DateTimeOffset at, CancellationToken ct);
}
