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
}
