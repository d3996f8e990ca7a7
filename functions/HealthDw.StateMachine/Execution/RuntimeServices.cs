using System.Text.Json.Nodes;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Randomness;
using HealthDw.StateMachine.Tasks;
using HealthDw.StateMachine.Time;

namespace HealthDw.StateMachine.Execution;

/// <summary>The injected services and settings every execution of a runner shares.</summary>
internal sealed record RuntimeServices(
    IStateMachineClock Clock,
    IRandomSource Random,
    IIdSource Ids,
    ILambdaInvoker Invoker,
    IExecutionStarter Starter,
    int DefaultTaskTimeoutSeconds,
    JsonObject? ContextFields,
    string RoleArn,
    ErrorModel ErrorModel,
    int PayloadLimitBytes,
    ExecutionOwner? Owner = null,
    Func<string, string, CancellationToken, Task>? BeforeState = null);
