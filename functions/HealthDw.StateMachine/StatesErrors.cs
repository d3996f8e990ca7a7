using System.Collections.Frozen;

namespace HealthDw.StateMachine;

/// <summary>
/// The predefined error names of the Amazon States Language (spec, Appendix A), plus
/// <c>States.Runtime</c> and <c>States.DataLimitExceeded</c>, which Step Functions adds.
/// </summary>
public static class StatesErrors
{
    /// <summary>A wildcard in ErrorEquals that matches any error name except <see cref="Runtime"/> and <see cref="DataLimitExceeded"/>.</summary>
    public const string All = "States.ALL";
    /// <summary>Never raised here: heartbeats are not supported (HeartbeatSeconds is validated and ignored).</summary>
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";
    public const string Timeout = "States.Timeout";
    /// <summary>A task failed; in ErrorEquals it also matches every error a task raises except <see cref="Timeout"/>.</summary>
    public const string TaskFailed = "States.TaskFailed";
    /// <summary>Never raised here: there are no permissions to check in process.</summary>
    public const string Permissions = "States.Permissions";
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";
    public const string ParameterPathFailure = "States.ParameterPathFailure";
    /// <summary>Not raised here: a failing Parallel branch fails the state with the branch's own error, as Step Functions does.</summary>
    public const string BranchFailed = "States.BranchFailed";
    public const string NoChoiceMatched = "States.NoChoiceMatched";
    public const string IntrinsicFailure = "States.IntrinsicFailure";
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";
    /// <summary>Never raised here: ItemReader is not supported.</summary>
    public const string ItemReaderFailed = "States.ItemReaderFailed";
    /// <summary>Never raised here: ResultWriter is not supported.</summary>
    public const string ResultWriterFailed = "States.ResultWriterFailed";
    /// <summary>Never raised here: JSONata is not supported.</summary>
    public const string QueryEvaluationError = "States.QueryEvaluationError";
    /// <summary>Bad paths, failing intrinsics and other faults the interpreter cannot process; never retried or caught.</summary>
    public const string Runtime = "States.Runtime";
    /// <summary>A task result, a state's input after Parameters or a state's output over the payload quota; never retried or caught.</summary>
    public const string DataLimitExceeded = "States.DataLimitExceeded";

    /// <summary>The error name of a started execution whose name is taken (Step Functions' StartExecution error).</summary>
    public const string ExecutionAlreadyExists = "StepFunctions.ExecutionAlreadyExistsException";

    /// <summary>The error name of a startExecution task whose state machine is not registered.</summary>
    public const string StateMachineDoesNotExist = "StepFunctions.StateMachineDoesNotExistException";

    /// <summary>The error name of a startExecution task whose execution name breaks the naming rules.</summary>
    public const string InvalidName = "StepFunctions.InvalidNameException";

    private static readonly FrozenSet<string> Predefined =
    [
        All, HeartbeatTimeout, Timeout, TaskFailed, Permissions, ResultPathMatchFailure, ParameterPathFailure,
        BranchFailed, NoChoiceMatched, IntrinsicFailure, ExceedToleratedFailureThreshold, ItemReaderFailed,
        ResultWriterFailed, QueryEvaluationError, Runtime, DataLimitExceeded,
    ];

    /// <summary>True for the names above that begin with <c>States.</c>.</summary>
    public static bool IsPredefined(string name) => Predefined.Contains(name);
}
