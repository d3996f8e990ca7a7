using System.Text.Json;
using HealthDw.Core.Ports;
using HealthDw.Functions;

namespace HealthDw.Hosting.Notify;

/// <summary>Without a Slack webhook, a notification is one JSON log line (counts and names only).</summary>
public sealed class LogNotifier(TextWriter output) : INotifier
{
    public Task SendAsync(Notification notification, CancellationToken ct) =>
        output.WriteLineAsync(JsonSerializer.Serialize(notification, HealthDwJsonContext.Compact.Notification));
}
