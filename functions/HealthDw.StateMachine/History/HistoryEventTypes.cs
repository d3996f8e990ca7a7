namespace HealthDw.StateMachine.History;

/// <summary>
/// The event types an execution records. Most are Step Functions' own; <see cref="RetryScheduled"/>
/// and <see cref="ErrorCaught"/> are this interpreter's, making retries and catches visible.
/// State events are "{Type}StateEntered" and "{Type}StateExited", for example "TaskStateEntered".
/// </summary>
public static class HistoryEventTypes
{
    public const string ExecutionStarted = "ExecutionStarted";
    public const string ExecutionSucceeded = "ExecutionSucceeded";
    public const string ExecutionFailed = "ExecutionFailed";
    public const string ExecutionTimedOut = "ExecutionTimedOut";
    public const string ExecutionAborted = "ExecutionAborted";

    /// <summary>A task of an optimized integration (lambda:invoke, states:startExecution) was scheduled.</summary>
    public const string TaskScheduled = "TaskScheduled";
    public const string TaskStarted = "TaskStarted";
    public const string TaskSucceeded = "TaskSucceeded";
    public const string TaskFailed = "TaskFailed";
    public const string TaskTimedOut = "TaskTimedOut";

    /// <summary>A Lambda function named by its ARN in "Resource" was scheduled.</summary>
    public const string LambdaFunctionScheduled = "LambdaFunctionScheduled";
    public const string LambdaFunctionStarted = "LambdaFunctionStarted";
    public const string LambdaFunctionSucceeded = "LambdaFunctionSucceeded";
    public const string LambdaFunctionFailed = "LambdaFunctionFailed";
    public const string LambdaFunctionTimedOut = "LambdaFunctionTimedOut";

    public const string ParallelStateStarted = "ParallelStateStarted";
    public const string ParallelStateSucceeded = "ParallelStateSucceeded";
    public const string ParallelStateFailed = "ParallelStateFailed";

    public const string MapStateStarted = "MapStateStarted";
    public const string MapStateSucceeded = "MapStateSucceeded";
    public const string MapStateFailed = "MapStateFailed";
    public const string MapIterationStarted = "MapIterationStarted";
    public const string MapIterationSucceeded = "MapIterationSucceeded";
    public const string MapIterationFailed = "MapIterationFailed";

    /// <summary>A Retrier matched an error: details carry error, cause, retrier index, attempt (1-based) and delaySeconds.</summary>
    public const string RetryScheduled = "RetryScheduled";

    /// <summary>A Catcher matched an error: details carry error, cause, catcher index and next state.</summary>
    public const string ErrorCaught = "ErrorCaught";

    public static string StateEntered(string stateType) => stateType + "StateEntered";

    public static string StateExited(string stateType) => stateType + "StateExited";
}
