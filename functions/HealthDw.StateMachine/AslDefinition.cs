using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Definition;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine;

/// <summary>
/// A state machine definition in the Amazon States Language (JSONPath flavour), read and checked
/// when it is loaded: a malformed or invalid definition throws <see cref="AslDefinitionException"/>
/// naming the field at fault. Run it with <see cref="StateMachineRunner"/>.
/// </summary>
public sealed class AslDefinition
{
    private AslDefinition(string name, string json, StateGraph graph, int? timeoutSeconds)
    {
        Name = name;
        Json = json;
        Graph = graph;
        TimeoutSeconds = timeoutSeconds;
    }

    /// <summary>The state machine's name, which its ARN ends with.</summary>
    public string Name { get; }

    /// <summary>The definition text as given (after any placeholder substitution).</summary>
    public string Json { get; }

    public string StartAt => Graph.StartAt;

    /// <summary>The names of the top-level states, in definition order.</summary>
    public IReadOnlyList<string> StateNames => [.. Graph.States.Keys];

    /// <summary>The machine's own time limit, if the definition sets one.</summary>
    public int? TimeoutSeconds { get; }

    internal StateGraph Graph { get; }

    /// <summary>Reads and checks a definition. Any <c>${Placeholder}</c> must be substituted first (<see cref="DefinitionSubstitutions"/>).</summary>
    public static AslDefinition Parse(string json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        JsonNode? root;
        try
        {
            root = JsonText.Parse(json);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new AslDefinitionException(name, "", $"the definition is not valid JSON: {e.Message}");
        }
        var placeholders = DefinitionSubstitutions.Placeholders(json);
        if (placeholders.Count > 0)
        {
            throw new AslDefinitionException(name, "",
                $"the definition still has placeholders ({string.Join(", ", placeholders.Select(p => "${" + p + "}"))}); substitute them with DefinitionSubstitutions.Apply first");
        }
        try
        {
            var (graph, timeout) = DefinitionReader.ReadMachine(root);
            return new AslDefinition(name, json, graph, timeout);
        }
        catch (DefinitionError e)
        {
            throw new AslDefinitionException(name, e.Pointer, e.Reason);
        }
    }

    /// <summary>
    /// Reads a definition file such as <c>statemachine/ingest-file.asl.json</c>, substituting its
    /// placeholders; the name is the file name without <c>.asl.json</c>.
    /// </summary>
    public static AslDefinition Load(string path, IReadOnlyDictionary<string, string>? substitutions = null)
    {
        var json = File.ReadAllText(path);
        if (substitutions is not null)
            json = DefinitionSubstitutions.Apply(json, substitutions);
        var fileName = System.IO.Path.GetFileName(path);
        var name = fileName.EndsWith(".asl.json", StringComparison.OrdinalIgnoreCase) ? fileName[..^".asl.json".Length] : System.IO.Path.GetFileNameWithoutExtension(fileName);
        return Parse(json, name);
    }
}
