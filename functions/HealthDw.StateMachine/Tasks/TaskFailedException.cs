namespace HealthDw.StateMachine.Tasks;

/// <summary>
/// A task's work failed with an error name that Retry and Catch can match, as a Lambda function's
/// errorType does. Throw it from an <see cref="ILambdaInvoker"/>.
/// </summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string error, string? cause)
        : base(cause is null ? error : $"{error}: {cause}")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        Error = error;
        Cause = cause;
    }

    public TaskFailedException(string error, string? cause, Exception innerException)
        : base(cause is null ? error : $"{error}: {cause}", innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        Error = error;
        Cause = cause;
    }

    /// <summary>The error name, for example <c>HealthDw.TransientError</c>.</summary>
    public string Error { get; }

    /// <summary>Human-readable text about the error.</summary>
    public string? Cause { get; }
}
