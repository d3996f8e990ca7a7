namespace HealthDw.Core.Ports;

/// <summary>Tells the team: Slack on AWS, the console and a local outbox on a laptop.
/// Messages carry counts, names and positions only, never a cell value.</summary>
public interface INotifier
{
    Task SendAsync(Notification notification, CancellationToken ct);
}
