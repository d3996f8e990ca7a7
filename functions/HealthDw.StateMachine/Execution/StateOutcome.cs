using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.Execution;

/// <summary>A state's effective output and the state to run next (null when the flow ends here).</summary>
internal sealed record StateOutcome(JsonNode? Output, string? Next);
