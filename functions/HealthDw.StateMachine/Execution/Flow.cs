using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.Execution;

/// <summary>
/// One line of work inside an execution: the top level, a Parallel branch or a Map iteration. It links
/// its history events to one another and says whether it records the execution's path.
/// </summary>
internal sealed class Flow(ExecutionScope scope, long lastEventId, bool isMain)
{
    public ExecutionScope Scope { get; } = scope;

    public bool IsMain { get; } = isMain;

    public long LastEventId { get; private set; } = lastEventId;

    public long Record(string type, JsonObject details)
    {
        LastEventId = Scope.History.Record(type, LastEventId, Scope.Services.Clock.Now, details);
        return LastEventId;
    }

    /// <summary>A flow for a branch or iteration, whose first event follows this flow's latest.</summary>
    public Flow Fork() => new(Scope, LastEventId, false);
}
