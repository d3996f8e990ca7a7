using System.Text.Json;

namespace HealthDw.Functions.Steps;

/// <summary>A <see cref="StepStatus"/> as the workflow sees it ("already_loaded"): for lines people read, so that they
/// name a status as the execution history does.</summary>
public static class StepStatusWireName
{
    public static string WireName(this StepStatus status) =>
        JsonSerializer.Serialize(status, HealthDwJsonContext.Default.StepStatus).Trim('"');
}
