namespace HealthDw.StateMachine.Definition;

/// <summary>A set of states with a start: the top level of a machine, a Parallel branch, or a Map ItemProcessor.</summary>
internal sealed record StateGraph(string StartAt, IReadOnlyDictionary<string, StateDefinition> States, string Pointer);
