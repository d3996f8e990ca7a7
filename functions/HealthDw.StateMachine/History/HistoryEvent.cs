using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.History;

/// <summary>
/// One entry of an execution's history, shaped like Step Functions' GetExecutionHistory events:
/// ids count from 1, <see cref="PreviousEventId"/> links to the event before it in the same flow
/// (0 for the first), <see cref="Details"/> holds the type's fields (input and output as JSON text).
/// </summary>
public sealed record HistoryEvent(long Id, long PreviousEventId, DateTimeOffset Timestamp, string Type, JsonObject Details);
