using HealthDw.Core.Pipeline;

namespace HealthDw.Cli.Local;

/// <summary>
/// What each <c>${Placeholder}</c> of the state-machine definitions stands for on a laptop: local
/// ARNs that the in-process runner resolves to the step handlers by name. Both come from the step
/// contract (statemachine/steps.json), from which CDK binds the same names to the deployed functions
/// and state machines.
/// </summary>
public static class LocalBindings
{
    public const string Account = "000000000000";
    public const string Region = "local";
    public const string IngestFile = "ingest-file";
    public const string PublishDrop = "publish-drop";

    public static string FunctionArn(string handler) => $"arn:aws:lambda:{Region}:{Account}:function:healthdw-{handler}";

    public static string StateMachineArn(string name) => $"arn:aws:states:{Region}:{Account}:stateMachine:healthdw-{name}";

    /// <summary>Every placeholder of the contract: each step's function, and each state machine another one starts.</summary>
    public static IReadOnlyDictionary<string, string> Values { get; } = For(StepContract.Shipped);

    private static Dictionary<string, string> For(StepContract contract) =>
        contract.Steps.Select(s => KeyValuePair.Create(s.Placeholder, FunctionArn(s.Handler)))
            .Concat(contract.StateMachines.Where(m => m.Placeholder is not null).Select(m => KeyValuePair.Create(m.Placeholder!, StateMachineArn(m.Name))))
            .ToDictionary(StringComparer.Ordinal);

    /// <summary>The handler name a function name or ARN stands for (<c>...:function:healthdw-route-file</c> → route-file).</summary>
    public static string HandlerOf(string functionNameOrArn)
    {
        var name = functionNameOrArn[(functionNameOrArn.LastIndexOf(':') + 1)..];
        return name.StartsWith("healthdw-", StringComparison.Ordinal) ? name["healthdw-".Length..] : name;
    }
}
