using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.History;

/// <summary>
/// What is known of one execution: the fields of Step Functions' DescribeExecution, its history,
/// and <see cref="Path"/>, the names of the top-level states it entered, in order (states inside
/// Parallel branches and Map iterations appear in <see cref="Events"/> only).
/// </summary>
public sealed record ExecutionRecord
{
    public required string ExecutionArn { get; init; }

    public required string StateMachineArn { get; init; }

    public required string StateMachineName { get; init; }

    public required string Name { get; init; }

    public required ExecutionStatus Status { get; init; }

    public required DateTimeOffset StartDate { get; init; }

    public DateTimeOffset? StopDate { get; init; }

    public JsonNode? Input { get; init; }

    public JsonNode? Output { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }

    public IReadOnlyList<HistoryEvent> Events { get; init; } = [];

    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>The process that runs (or ran) the execution, when the runner was told (<see cref="StateMachineRunnerOptions.Owner"/>).</summary>
    public ExecutionOwner? Owner { get; init; }

    /// <summary>RUNNING, but the process that ran it is gone: nothing will ever end it. A record without an owner was
    /// written by a runner that did not say, and counts as gone too.</summary>
    public bool IsOrphaned => Status == ExecutionStatus.Running && (Owner is null || Owner.IsGone());

    /// <summary>
    /// The record ended as ABORTED at <paramref name="now"/>, as StopExecution ends one on the service: an
    /// ExecutionAborted event with the error and cause follows the events it had, and the record keeps its owner.
    /// </summary>
    public ExecutionRecord Aborted(DateTimeOffset now, string error, string cause)
    {
        var last = Events.Count == 0 ? 0 : Events[^1].Id;
        var aborted = new HistoryEvent(last + 1, last, now, HistoryEventTypes.ExecutionAborted,
            new System.Text.Json.Nodes.JsonObject { ["error"] = error, ["cause"] = cause });
        return this with { Status = ExecutionStatus.Aborted, StopDate = now, Error = error, Cause = cause, Events = [.. Events, aborted] };
    }
}
