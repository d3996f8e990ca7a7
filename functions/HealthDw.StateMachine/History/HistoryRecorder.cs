using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.History;

/// <summary>Collects an execution's events from all its flows, numbering them in the order they happen.</summary>
internal sealed class HistoryRecorder
{
    private readonly Lock _gate = new();
    private readonly List<HistoryEvent> _events = [];

    public long Record(string type, long previousEventId, DateTimeOffset timestamp, JsonObject details)
    {
        lock (_gate)
        {
            var id = _events.Count + 1;
            _events.Add(new HistoryEvent(id, previousEventId, timestamp, type, details));
            return id;
        }
    }

    public IReadOnlyList<HistoryEvent> Snapshot()
    {
        lock (_gate)
            return [.. _events];
    }
}
