namespace HealthDw.Functions.Runtime;

/// <summary>The real process environment.</summary>
public sealed class ProcessEnvironmentVariables : IEnvironmentVariables
{
    public string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    public void Set(string name, string? value) => Environment.SetEnvironmentVariable(name, value);
}
