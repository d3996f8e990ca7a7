using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Storage;

/// <summary>
/// An <see cref="ExecutionRecord"/> as a JSON document (built with <see cref="JsonNode"/>, no
/// reflection): Step Functions' field names in camelCase, input and output as JSON values.
/// </summary>
internal static class ExecutionRecordJson
{
    public static string Write(ExecutionRecord record)
    {
        var events = new JsonArray();
        foreach (var e in record.Events)
        {
            events.Add((JsonNode)new JsonObject
            {
                ["id"] = e.Id,
                ["previousEventId"] = e.PreviousEventId,
                ["timestamp"] = Time(e.Timestamp),
                ["type"] = e.Type,
                ["details"] = e.Details.DeepClone(),
            });
        }
        var path = new JsonArray();
        foreach (var state in record.Path)
            path.Add((JsonNode)JsonValue.Create(state));
        var document = new JsonObject
        {
            ["executionArn"] = record.ExecutionArn,
            ["stateMachineArn"] = record.StateMachineArn,
            ["stateMachineName"] = record.StateMachineName,
            ["name"] = record.Name,
            ["status"] = record.Status.ToName(),
            ["startDate"] = Time(record.StartDate),
            ["stopDate"] = record.StopDate is { } stop ? Time(stop) : null,
            ["input"] = JsonText.Clone(record.Input),
            ["output"] = JsonText.Clone(record.Output),
            ["error"] = record.Error,
            ["cause"] = record.Cause,
            ["path"] = path,
            ["events"] = events,
        };
        if (record.Owner is { } owner)
            document["owner"] = new JsonObject { ["processId"] = owner.ProcessId, ["processStart"] = Time(owner.ProcessStart) };
        return JsonText.Indented(document);
    }

    public static ExecutionRecord Read(string json)
    {
        var document = JsonText.Parse(json) as JsonObject ?? throw new JsonException("an execution record must be a JSON object");
        var events = new List<HistoryEvent>();
        foreach (var node in document["events"] as JsonArray ?? [])
        {
            var e = node as JsonObject ?? throw new JsonException("an event must be a JSON object");
            events.Add(new HistoryEvent(
                e["id"]!.GetValue<long>(),
                e["previousEventId"]!.GetValue<long>(),
                ParseTime(e["timestamp"]!.GetValue<string>()),
                e["type"]!.GetValue<string>(),
                (JsonObject)(e["details"]?.DeepClone() ?? new JsonObject())));
        }
        return new ExecutionRecord
        {
            ExecutionArn = Required(document, "executionArn"),
            StateMachineArn = Required(document, "stateMachineArn"),
            StateMachineName = Required(document, "stateMachineName"),
            Name = Required(document, "name"),
            Status = ExecutionStatusNames.Parse(Required(document, "status")),
            StartDate = ParseTime(Required(document, "startDate")),
            StopDate = document["stopDate"] is JsonValue stop ? ParseTime(stop.GetValue<string>()) : null,
            Input = JsonText.Clone(document["input"]),
            Output = JsonText.Clone(document["output"]),
            Error = document["error"]?.GetValue<string>(),
            Cause = document["cause"]?.GetValue<string>(),
            Path = [.. (document["path"] as JsonArray ?? []).Select(p => p!.GetValue<string>())],
            Events = events,
            Owner = document["owner"] is JsonObject owner
                ? new ExecutionOwner(owner["processId"]!.GetValue<int>(), ParseTime(owner["processStart"]!.GetValue<string>()))
                : null,
        };
    }

    private static string Required(JsonObject document, string field) =>
        document[field]?.GetValue<string>() ?? throw new JsonException($"an execution record needs \"{field}\"");

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
