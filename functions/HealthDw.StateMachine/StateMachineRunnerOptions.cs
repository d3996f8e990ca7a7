using System.Text.Json.Nodes;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Randomness;
using HealthDw.StateMachine.Storage;
using HealthDw.StateMachine.Tasks;
using HealthDw.StateMachine.Time;

namespace HealthDw.StateMachine;

/// <summary>What a <see cref="StateMachineRunner"/> runs with. Only the Lambda invoker is required.</summary>
public sealed class StateMachineRunnerOptions
{
    /// <summary>Runs the Lambda functions that Task states name.</summary>
    public required ILambdaInvoker LambdaInvoker { get; init; }

    /// <summary>Real time by default; use <see cref="VirtualClock"/> in tests.</summary>
    public IStateMachineClock Clock { get; init; } = new SystemClock();

    /// <summary>Retry jitter and States.MathRandom without a seed.</summary>
    public IRandomSource Random { get; init; } = new SystemRandomSource();

    /// <summary>States.UUID() and the names of executions started without one.</summary>
    public IIdSource Ids { get; init; } = new GuidIdSource();

    /// <summary>Where execution records go; in memory by default.</summary>
    public IExecutionStore Store { get; init; } = new InMemoryExecutionStore();

    /// <summary>$$.Execution.RoleArn.</summary>
    public string RoleArn { get; init; } = "arn:aws:iam::000000000000:role/StepFunctionsLocal";

    /// <summary>
    /// A Task's timeout when it sets neither TimeoutSeconds nor TimeoutSecondsPath: the spec's 60 seconds.
    /// (The Step Functions service uses 99999999; raise this for long local runs.)
    /// </summary>
    public int DefaultTaskTimeoutSeconds { get; init; } = 60;

    /// <summary>
    /// How path and intrinsic faults found while processing a state's data are named: as the service does
    /// (<c>States.Runtime</c>, never caught) unless a test asks for the spec's catchable names.
    /// </summary>
    public ErrorModel ErrorModel { get; init; } = ErrorModel.Service;

    /// <summary>
    /// The largest state input, state output or task result, in bytes of UTF-8 JSON, before the execution fails
    /// with <c>States.DataLimitExceeded</c>: the service's 256 KiB (Step Functions Developer Guide, "Step Functions
    /// service quotas", "Maximum input or output size for a task, state, or execution").
    /// </summary>
    public int PayloadLimitBytes { get; init; } = 262_144;

    /// <summary>Fields merged into every Context Object, for example to stand in for values the service would provide.</summary>
    public JsonObject? ContextFields { get; init; }

    /// <summary>The process that runs the executions, written into each record so that another process can tell an
    /// execution whose process is gone (<see cref="ExecutionRecord.IsOrphaned"/>); none by default.</summary>
    public ExecutionOwner? Owner { get; init; }

    /// <summary>
    /// Called before each top-level state of an execution is entered (not states inside Parallel branches or Map
    /// iterations) with the execution's name and the state's; the state is entered when the task ends. A debugging hook
    /// (the CLI pauses at a named state with it, so that a test can kill the process there).
    /// </summary>
    public Func<string, string, CancellationToken, Task>? BeforeState { get; init; }
}
