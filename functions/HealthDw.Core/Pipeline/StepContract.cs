using System.Text.Json;

namespace HealthDw.Core.Pipeline;

/// <summary>
/// statemachine/steps.json: the names that the deployment (CDK), the local runner and the Lambda host must agree on.
/// Every step's handler name and placeholder and the state machines that use it, every state machine's own placeholder,
/// and the bucket's layout. The file is embedded in this assembly, so the Native AOT Lambda, the CLI and the CDK app all
/// read the same bytes; it is parsed through a source-generated context (no reflection).
/// </summary>
public sealed record StepContract
{
    public const string FileName = "steps.json";

    public string? About { get; init; }

    public required ContractBucket Bucket { get; init; }

    public required IReadOnlyList<ContractStateMachine> StateMachines { get; init; }

    public required IReadOnlyList<ContractStep> Steps { get; init; }

    /// <summary>The contract this build ships (statemachine/steps.json, embedded at build time).</summary>
    public static StepContract Shipped { get; } = LoadShipped();

    /// <summary>The placeholders a state machine's definition uses: its steps' and the state machines it starts.</summary>
    public IReadOnlySet<string> PlaceholdersOf(string stateMachine) =>
        Steps.Where(s => s.UsedIn.Contains(stateMachine)).Select(s => s.Placeholder)
            .Concat(StateMachines.Where(m => m.UsedIn.Contains(stateMachine)).Select(m => m.Placeholder!))
            .ToHashSet(StringComparer.Ordinal);

    public ContractStep Step(string handler) =>
        Steps.FirstOrDefault(s => s.Handler == handler) ?? throw new KeyNotFoundException($"statemachine/{FileName} has no step '{handler}'");

    public ContractStateMachine StateMachine(string name) =>
        StateMachines.FirstOrDefault(m => m.Name == name) ?? throw new KeyNotFoundException($"statemachine/{FileName} has no state machine '{name}'");

    /// <summary>Reads a contract and checks that its names hang together: no name twice, no placeholder twice, every
    /// state machine named in <c>usedIn</c> declared, a state machine that another one uses has a placeholder.</summary>
    public static StepContract Parse(ReadOnlySpan<byte> json)
    {
        StepContract contract;
        try
        {
            contract = JsonSerializer.Deserialize(json, StepContractJsonContext.Default.StepContract)
                ?? throw new InvalidDataException($"statemachine/{FileName} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"statemachine/{FileName} line {e.LineNumber + 1}: {e.Message}", e);
        }

        contract.Check();
        return contract;
    }

    private void Check()
    {
        var machines = StateMachines.Select(m => m.Name).ToList();
        Require(Unique(machines), "a state machine is listed twice");
        Require(Unique(Steps.Select(s => s.Handler)), "a step's handler is listed twice");
        Require(Unique(Steps.Select(s => s.Placeholder).Concat(StateMachines.Select(m => m.Placeholder).OfType<string>())), "a placeholder is listed twice");
        foreach (var (name, usedIn) in Steps.Select(s => (s.Handler, s.UsedIn)).Concat(StateMachines.Select(m => (m.Name, m.UsedIn))))
        {
            foreach (var machine in usedIn)
                Require(machines.Contains(machine), $"'{name}' is used in '{machine}', which is not among its state machines");
        }

        foreach (var machine in StateMachines.Where(m => m.UsedIn.Count > 0))
            Require(machine.Placeholder is not null, $"state machine '{machine.Name}' is used in another one but has no placeholder");
        Require(Bucket.Prefixes.Values.All(p => p.EndsWith('/')), "every bucket prefix ends in '/'");
        Require(Bucket.Manifest.Contains("{drop}", StringComparison.Ordinal), "the manifest's name holds {drop}");
    }

    private static bool Unique(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Distinct(StringComparer.Ordinal).Count() == list.Count;
    }

    private static void Require(bool condition, string rule)
    {
        if (!condition) throw new InvalidDataException($"statemachine/{FileName}: {rule}");
    }

    private static StepContract LoadShipped()
    {
        using var stream = typeof(StepContract).Assembly.GetManifestResourceStream(FileName)
            ?? throw new InvalidOperationException($"statemachine/{FileName} is not embedded in {typeof(StepContract).Assembly.GetName().Name}");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return Parse(bytes.ToArray());
    }
}
