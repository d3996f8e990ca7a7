using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.History;

/// <summary>
/// An execution's history as Step Functions' GetExecutionHistory returns it (API Reference, "GetExecutionHistory" and
/// "HistoryEvent"): <c>{"events": [...]}</c>, each event with <c>id</c>, <c>previousEventId</c>, <c>timestamp</c> (seconds
/// with fractional milliseconds since the Unix epoch), <c>type</c>, and its details under the type's
/// <c>*EventDetails</c> member (<c>stateEnteredEventDetails</c> for every "…StateEntered", <c>taskScheduledEventDetails</c>,
/// …). The interpreter's own events (RetryScheduled, ErrorCaught) are not Step Functions event types: they are left
/// out, and the events after them point to the event before them, so the ids stay 1, 2, 3… as the service numbers them.
/// </summary>
public static class ExecutionHistoryJson
{
    public static JsonObject Write(ExecutionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var renumbered = new Dictionary<long, long>();
        var previousOf = record.Events.ToDictionary(e => e.Id, e => e.PreviousEventId);
        var events = new JsonArray();
        foreach (var e in record.Events)
        {
            if (e.Type is HistoryEventTypes.RetryScheduled or HistoryEventTypes.ErrorCaught) continue;
            var id = renumbered.Count + 1L;
            renumbered[e.Id] = id;
            var previous = e.PreviousEventId;
            while (previous != 0 && !renumbered.ContainsKey(previous)) previous = previousOf.GetValueOrDefault(previous);
            var item = new JsonObject
            {
                ["timestamp"] = Math.Round(e.Timestamp.ToUnixTimeMilliseconds() / 1000m, 3),
                ["type"] = e.Type,
                ["id"] = id,
                ["previousEventId"] = previous == 0 ? 0 : renumbered[previous],
            };
            if (Details(e) is { } details) item[DetailsMember(e.Type)] = details;
            events.Add((JsonNode)item);
        }

        return new JsonObject { ["events"] = events };
    }

    /// <summary>"TaskScheduled" → "taskScheduledEventDetails"; every "…StateEntered" → "stateEnteredEventDetails".</summary>
    public static string DetailsMember(string type)
    {
        if (type.EndsWith("StateEntered", StringComparison.Ordinal)) return "stateEnteredEventDetails";
        if (type.EndsWith("StateExited", StringComparison.Ordinal)) return "stateExitedEventDetails";
        return char.ToLowerInvariant(type[0]) + type[1..] + "EventDetails";
    }

    private static JsonObject? Details(HistoryEvent e)
    {
        var source = e.Details;
        // Types whose events carry no details on the service.
        if (e.Type is HistoryEventTypes.LambdaFunctionStarted or HistoryEventTypes.ParallelStateStarted or HistoryEventTypes.ParallelStateSucceeded
            or HistoryEventTypes.ParallelStateFailed or HistoryEventTypes.MapStateSucceeded or HistoryEventTypes.MapStateFailed)
            return null;
        var details = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (value is null) continue;
            var name = key;
            if (e.Type.StartsWith("LambdaFunction", StringComparison.Ordinal))
            {
                if (key is "resourceType" or "region") continue; // LambdaFunction*EventDetails have neither
                if (key == "parameters") name = "input";
            }

            if (e.Type == HistoryEventTypes.MapStateStarted && key == "name") continue; // mapStateStartedEventDetails: length only
            details[name] = value.DeepClone();
            if (name is "input" or "output")
                details[name + "Details"] = new JsonObject { ["truncated"] = false };
        }

        return details;
    }
}
