namespace HealthDw.Functions.Runtime;

/// <summary>The handler was cancelled because the invocation's deadline was near.</summary>
public sealed class DeadlineExceededException(string handler, TimeSpan margin, Exception cancellation)
    : Exception($"handler '{handler}' was cancelled {margin.TotalMilliseconds:0} ms before the invocation's deadline", cancellation),
        IStepError
{
    public string ErrorName => "DeadlineExceeded";
}
