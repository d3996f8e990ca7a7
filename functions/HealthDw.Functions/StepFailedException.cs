namespace HealthDw.Functions;

/// <summary>
/// A step's failure as Step Functions sees it: <see cref="ErrorName"/> becomes the Lambda error type
/// that Retry and Catch match on (<c>HealthDw.TransientError</c> is retried). The message names what
/// failed, never a secret or a cell value.
/// </summary>
public sealed class StepFailedException(string errorName, string message, Exception? inner = null)
    : Exception(message, inner), Runtime.IStepError
{
    public const string Transient = "HealthDw.TransientError";
    public const string BadInput = "HealthDw.BadInput";
    public const string Failed = "HealthDw.StepError";

    public string ErrorName { get; } = errorName;
}
