using System.Text.Json;
using HealthDw.Core.Ports;
using HealthDw.Functions;

namespace HealthDw.Hosting.Notify;

/// <summary>The local notifier: each message is appended as one JSON line to
/// <c>.healthdw/outbox/notifications.jsonl</c> (what Slack would have received).</summary>
public sealed class OutboxNotifier(string folder) : INotifier
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string File => Path.Combine(folder, "notifications.jsonl");

    /// <summary>Also shows each notification (the CLI prints it to the console).</summary>
    public Action<Notification>? Echo { get; set; }

    public async Task SendAsync(Notification notification, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var line = JsonSerializer.Serialize(notification, HealthDwJsonContext.Compact.Notification) + "\n";
        await _gate.WaitAsync(ct);
        try
        {
            await System.IO.File.AppendAllTextAsync(File, line, ct);
        }
        finally
        {
            _gate.Release();
        }

        Echo?.Invoke(notification);
    }
}
