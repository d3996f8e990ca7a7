using System.Text.Json.Nodes;
using HealthDw.StateMachine.Definition;
using HealthDw.StateMachine.Intrinsics;

namespace HealthDw.StateMachine.Execution;

/// <summary>One visit to a state: when it was entered, how many retries it has made, and its Context Object.</summary>
internal sealed class StateRun(Flow flow, StateDefinition state, DateTimeOffset enteredTime)
{
    private JsonObject? _context;
    private int _retryCount;

    public Flow Flow { get; } = flow;

    public StateDefinition State { get; } = state;

    public ExecutionScope Scope => Flow.Scope;

    public RuntimeServices Services => Flow.Scope.Services;

    /// <summary>Retries made so far in this visit, across all Retriers ($$.State.RetryCount).</summary>
    public int RetryCount
    {
        get => _retryCount;
        set
        {
            _retryCount = value;
            _context = null;
        }
    }

    public JsonObject Context() => _context ??= ContextObject.Build(Scope, State.Name, enteredTime, _retryCount);

    /// <summary>What a Payload Template or intrinsic evaluated against <paramref name="input"/> sees.</summary>
    public IntrinsicEnvironment Environment(JsonNode? input, Func<JsonNode?>? context = null) =>
        new(input, context ?? Context, Services.Random, Services.Ids);
}
