using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.Definition;

/// <summary>
/// Reads a whole definition and checks what the spec requires across states: StartAt names a state,
/// every Next, Default and Catcher Next names a state of the same scope (branches and item processors
/// are closed scopes), state names are unique in the whole machine and at most 80 characters long,
/// every state is reachable, and each scope has a terminal state.
/// </summary>
internal sealed class DefinitionReader
{
    private const int MaxStateNameLength = 80;
    private static readonly FrozenSet<string> TopLevelFields = ["StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage"];
    private static readonly FrozenSet<string> BranchFields = ["StartAt", "States", "Comment"];
    private static readonly FrozenSet<string> ProcessorFields = ["StartAt", "States", "Comment", "ProcessorConfig"];

    private readonly Dictionary<string, string> _namesSeen = new(StringComparer.Ordinal);
    private readonly StateReader _states;

    private DefinitionReader() => _states = new StateReader(ReadGraph);

    public static (StateGraph Graph, int? TimeoutSeconds) ReadMachine(JsonNode? root)
    {
        var reader = new DefinitionReader();
        var fields = new FieldReader(root, "", "a state machine definition");
        fields.OnlyAllow(TopLevelFields, "a state machine");
        if (fields.String("QueryLanguage") is { } language && language != "JSONPath")
            throw new DefinitionError(fields.At("QueryLanguage"), $"the query language '{language}' is not supported; only JSONPath is");
        if (fields.String("Version") is { } version && version != "1.0")
            throw new DefinitionError(fields.At("Version"), $"version '{version}' of the States Language is not supported; only 1.0 is");
        fields.String("Comment");
        var timeout = fields.Integer("TimeoutSeconds", 1, "a positive integer");
        return (reader.ReadGraph(fields, "a state machine"), (int?)timeout);
    }

    private StateGraph ReadGraph(FieldReader fields, string what)
    {
        if (what != "a state machine")
            fields.OnlyAllow(what == "ItemProcessor" ? ProcessorFields : BranchFields, what);
        if (what == "ItemProcessor" && fields.Has("ProcessorConfig"))
            CheckProcessorConfig(new FieldReader(fields.Raw("ProcessorConfig"), fields.At("ProcessorConfig"), "\"ProcessorConfig\""));
        var startAt = fields.String("StartAt", required: true)!;
        if (!fields.Has("States"))
            throw new DefinitionError(fields.At("States"), "the field \"States\" is required");
        var statesNode = fields.Raw("States") as JsonObject ?? throw new DefinitionError(fields.At("States"), "\"States\" must be a JSON object");
        if (statesNode.Count == 0)
            throw new DefinitionError(fields.At("States"), "\"States\" must hold at least one state");
        var states = new Dictionary<string, StateDefinition>(StringComparer.Ordinal);
        foreach (var (name, node) in statesNode)
        {
            var pointer = JsonPointer.Append(fields.At("States"), name);
            if (name.Length == 0 || name.Length > MaxStateNameLength)
                throw new DefinitionError(pointer, $"a state name must be 1 to {MaxStateNameLength} characters long");
            if (_namesSeen.TryGetValue(name, out var other))
                throw new DefinitionError(pointer, $"the state name '{name}' is already used at {other}; state names must be unique in the whole machine");
            _namesSeen[name] = pointer;
            states[name] = _states.Read(name, new FieldReader(node, pointer, $"the state '{name}'"));
        }
        if (!states.ContainsKey(startAt))
            throw new DefinitionError(fields.At("StartAt"), $"\"StartAt\" names '{startAt}', which is not a state of this scope ({Known(states)})");
        CheckTransitions(states);
        CheckReachable(startAt, states);
        if (!states.Values.Any(s => s.IsEnd || s is SucceedState or FailState))
            throw new DefinitionError(fields.At("States"), "no state ends the machine: one needs \"End\": true, or to be a Succeed or Fail state");
        return new StateGraph(startAt, states, fields.Pointer);
    }

    private static void CheckProcessorConfig(FieldReader config)
    {
        config.OnlyAllow(FrozenSet.Create("Mode", "ExecutionType"), "\"ProcessorConfig\"");
        var mode = config.String("Mode");
        if (mode is not (null or "INLINE"))
            throw new DefinitionError(config.At("Mode"), $"Map mode '{mode}' is not supported; only INLINE is");
    }

    private static void CheckTransitions(Dictionary<string, StateDefinition> states)
    {
        foreach (var state in states.Values)
        {
            foreach (var (target, pointer) in Targets(state))
            {
                if (!states.ContainsKey(target))
                    throw new DefinitionError(pointer, $"names '{target}', which is not a state of this scope ({Known(states)})");
            }
        }
    }

    private static void CheckReachable(string startAt, Dictionary<string, StateDefinition> states)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { startAt };
        var queue = new Queue<string>([startAt]);
        while (queue.Count > 0)
        {
            foreach (var (target, _) in Targets(states[queue.Dequeue()]))
            {
                if (reached.Add(target))
                    queue.Enqueue(target);
            }
        }
        foreach (var state in states.Values)
        {
            if (!reached.Contains(state.Name))
                throw new DefinitionError(state.Pointer, $"the state '{state.Name}' cannot be reached from \"StartAt\"");
        }
    }

    /// <summary>Every state name a state can move to, with the pointer of the field that names it.</summary>
    private static IEnumerable<(string Target, string Pointer)> Targets(StateDefinition state)
    {
        if (state.Next is not null)
            yield return (state.Next, JsonPointer.Append(state.Pointer, "Next"));
        if (state is ChoiceState choice)
        {
            for (var i = 0; i < choice.Choices.Count; i++)
                yield return (choice.Choices[i].Next, JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(state.Pointer, "Choices"), i), "Next"));
            if (choice.Default is not null)
                yield return (choice.Default, JsonPointer.Append(state.Pointer, "Default"));
        }
        var handlers = state switch
        {
            TaskState t => t.Handlers,
            ParallelState p => p.Handlers,
            MapState m => m.Handlers,
            _ => ErrorHandlers.None,
        };
        for (var i = 0; i < handlers.Catchers.Count; i++)
            yield return (handlers.Catchers[i].Next, JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(state.Pointer, "Catch"), i), "Next"));
    }

    private static string Known(Dictionary<string, StateDefinition> states) =>
        "states here: " + string.Join(", ", states.Keys.Select(k => $"'{k}'"));
}
