using System.Text.Json.Nodes;
using HealthDw.StateMachine.History;

namespace HealthDw.StateMachine.Execution;

/// <summary>What every flow of one execution shares: who it is, its history, its services and its deadline.</summary>
internal sealed class ExecutionScope
{
    private readonly Lock _gate = new();
    private readonly List<string> _path = [];

    public required string ExecutionArn { get; init; }

    public required string ExecutionName { get; init; }

    public required string StateMachineArn { get; init; }

    public required string StateMachineName { get; init; }

    public required JsonNode? Input { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public required RuntimeServices Services { get; init; }

    public required HistoryRecorder History { get; init; }

    /// <summary>When the definition's TimeoutSeconds runs out, if it has one.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Saves the record as it stands (RUNNING), after each top-level state: a process that dies leaves a history
    /// that ends with the last state it completed.</summary>
    public Func<Task>? Checkpoint { get; init; }

    public IReadOnlyList<string> Path
    {
        get
        {
            lock (_gate)
                return [.. _path];
        }
    }

    public void AddToPath(string stateName)
    {
        lock (_gate)
            _path.Add(stateName);
    }

    public void CheckDeadline()
    {
        if (Deadline is { } deadline && Services.Clock.Now >= deadline)
            throw new ExecutionTimedOutException();
    }
}
