namespace HealthDw.Functions.Runtime;

/// <summary>The process environment, behind an interface so tests never read or change the real one.</summary>
public interface IEnvironmentVariables
{
    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    string? Get(string name);

    /// <summary>Sets the variable; null removes it.</summary>
    void Set(string name, string? value);
}
