using HealthDw.Core.Ports;

namespace HealthDw.Functions.Steps;

/// <summary>Notify: turns a workflow event into one message for the team (no cell values: the
/// summaries it receives are built from rules, positions and counts).</summary>
public sealed class NotifyHandler(INotifier notifier, IClock clock)
{
    public async Task<NotifyResult> HandleAsync(NotifyRequest request, CancellationToken ct)
    {
        var summary = request.Summary
            ?? (request.Failure is { } f ? $"a step failed: {f.Error}" : request.Kind);
        await notifier.SendAsync(new Notification(request.Kind, request.File?.DropId ?? request.DropId, request.File?.Key, summary,
            request.ExecutionId, clock.Now), ct);
        return new NotifyResult(true, summary);
    }
}
