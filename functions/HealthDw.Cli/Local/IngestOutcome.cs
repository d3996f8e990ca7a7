using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.Functions;
using HealthDw.Functions.Steps;
using HealthDw.StateMachine.History;

namespace HealthDw.Cli.Local;

/// <summary>What an ingest-file execution did to a file: its route, the last verdict, where it went.
/// Read back from the execution's state data, as the console would show it.</summary>
/// <param name="Drop">Where the file's drop stood once the file was in (Is Drop Complete?), when the execution got that far.</param>
public sealed record IngestOutcome(string Execution, ExecutionStatus ExecutionStatus, RouteResult? Route, FileVerdict? Verdict,
    ArchiveResult? Archive, string? Error, string? Cause, HealthDw.Core.Drops.DropState? Drop = null)
{
    /// <summary>The file's last step answer; null when the execution failed before one (<see cref="Failed"/>).</summary>
    public StepStatus? Status => Archive?.Outcome is StepStatus.Rejected or StepStatus.AlreadyRejected ? Archive.Outcome
        : ExecutionStatus == ExecutionStatus.Failed && Archive is null ? null
        : Verdict?.Status ?? Route?.Kind;

    /// <summary>The execution failed without a verdict on the file (a step kept failing; see <see cref="Error"/>).</summary>
    public bool Failed => Status is null;

    /// <summary>The status as the workflow names it ("already_loaded"), or "failed".</summary>
    public string StatusName => Status?.WireName() ?? "failed";

    public static IngestOutcome From(ExecutionRecord record)
    {
        var data = record.Output as JsonObject ?? LastStateData(record);
        var json = HealthDwJsonContext.Default;
        return new IngestOutcome(record.Name, record.Status,
            Read(data?["route"]?["result"], json.RouteResult), Read(data?["verdict"]?["result"], json.FileVerdict),
            Read(data?["archive"]?["result"], json.ArchiveResult), record.Error, record.Cause, Read(data?["drop"]?["result"], json.DropState));
    }

    /// <summary>A failed execution has no output: take the state data the last state left.</summary>
    private static JsonObject? LastStateData(ExecutionRecord record)
    {
        foreach (var e in record.Events.Reverse())
        {
            if (e.Type.EndsWith("StateExited", StringComparison.Ordinal) && e.Details["output"]?.GetValue<string>() is { } text
                && JsonNode.Parse(text) is JsonObject data && data.ContainsKey("route"))
                return data;
        }

        return null;
    }

    private static T? Read<T>(JsonNode? node, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class =>
        node is null ? null : JsonSerializer.Deserialize(node, type);
}
