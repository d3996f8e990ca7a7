using HealthDw.Core.Ports;

namespace HealthDw.Hosting.Notify;

/// <summary>Sends each notification to several notifiers, in order (e.g. Slack, and the local outbox as a record).</summary>
public sealed class FanOutNotifier(IReadOnlyList<INotifier> notifiers) : INotifier
{
    public async Task SendAsync(Notification notification, CancellationToken ct)
    {
        foreach (var notifier in notifiers) await notifier.SendAsync(notification, ct);
    }
}
