using HealthDw.Functions;

namespace HealthDw.Cli.Local;

/// <summary>
/// What each <c>${Placeholder}</c> of the state-machine definitions stands for on a laptop: local
/// ARNs that the in-process runner resolves to the step handlers by name. CDK binds the same
/// names to the deployed functions and state machines.
/// </summary>
public static class LocalBindings
{
    public const string Account = "000000000000";
    public const string Region = "local";
    public const string IngestFile = "ingest-file";
    public const string PublishDrop = "publish-drop";

    public static string FunctionArn(string handler) => $"arn:aws:lambda:{Region}:{Account}:function:healthdw-{handler}";

    public static string StateMachineArn(string name) => $"arn:aws:states:{Region}:{Account}:stateMachine:healthdw-{name}";

    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["RouteFileFunctionArn"] = FunctionArn(StepHandlerTable.RouteFile),
        ["ValidateFileFunctionArn"] = FunctionArn(StepHandlerTable.ValidateFile),
        ["LoadToStagingFunctionArn"] = FunctionArn(StepHandlerTable.LoadToStaging),
        ["LoadStatusFunctionArn"] = FunctionArn(StepHandlerTable.LoadStatus),
        ["ArchiveFileFunctionArn"] = FunctionArn(StepHandlerTable.ArchiveFile),
        ["DropStatusFunctionArn"] = FunctionArn(StepHandlerTable.DropStatus),
        ["NotifyFunctionArn"] = FunctionArn(StepHandlerTable.Notify),
        ["PublishDropFunctionArn"] = FunctionArn(StepHandlerTable.PublishDrop),
        ["PublishDropStateMachineArn"] = StateMachineArn(PublishDrop),
    };

    /// <summary>The handler name a function name or ARN stands for (<c>...:function:healthdw-route-file</c> → route-file).</summary>
    public static string HandlerOf(string functionNameOrArn)
    {
        var name = functionNameOrArn[(functionNameOrArn.LastIndexOf(':') + 1)..];
        return name.StartsWith("healthdw-", StringComparison.Ordinal) ? name["healthdw-".Length..] : name;
    }
}
