using HealthDw.Core.Ports;

namespace HealthDw.Functions.Steps;

/// <summary>
/// Notify: turns a workflow event into a message for the team. File rejections are grouped: at most
/// one message per drop per minute, the rest held for the next message or the drop's digest.
/// The summaries it receives are built from rules, positions and counts: no cell values.
/// </summary>
public sealed class NotifyHandler(INotifier notifier, IAlertWindow window, IClock clock, Func<string?, string?> executionLink)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public async Task<NotifyResult> HandleAsync(NotifyRequest request, CancellationToken ct)
    {
        var drop = request.File?.DropId ?? request.DropId;
        var summary = request.Summary ?? (request.Failure is { } f ? $"a step failed: {f.Error}" : request.Kind);
        var lines = request.Lines ?? [];
        if (request.Kind == "file_rejected")
        {
            var due = await window.OfferAsync(drop ?? "unrouted", summary, clock.Now, Window, ct);
            if (due.Count == 0) return new NotifyResult(false, "held: a message about this drop went out less than a minute ago");
            summary = due.Count == 1 ? due[0] : $"{due.Count} files rejected";
            lines = due.Count == 1 ? lines : [.. due, .. lines];
        }
        else if (drop is not null)
        {
            var held = await window.DrainAsync(drop, ct);
            lines = [.. lines, .. held.Select(h => $"also: {h}")];
        }

        await notifier.SendAsync(new Notification(request.Kind, drop, request.File?.Key, summary, request.ExecutionId, clock.Now, lines,
            executionLink(request.ExecutionId)), ct);
        return new NotifyResult(true, summary);
    }
}
