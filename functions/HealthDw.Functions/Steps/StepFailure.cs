using System.Text.Json.Serialization;

namespace HealthDw.Functions.Steps;

/// <summary>The error output of a Step Functions Catch: <c>{"Error": ..., "Cause": ...}</c>.</summary>
public sealed record StepFailure(
    [property: JsonPropertyName("Error")] string Error,
    [property: JsonPropertyName("Cause")] string? Cause);
