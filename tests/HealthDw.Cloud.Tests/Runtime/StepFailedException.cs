using HealthDw.Functions.Runtime;

namespace HealthDw.Cloud.Tests.Runtime;

/// <summary>A handler error with its own error name, as a step's typed errors have.</summary>
public sealed class StepFailedException(string message) : Exception(message), IStepError
{
    public string ErrorName => "ValidationFailed";
}
