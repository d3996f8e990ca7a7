using System.Collections.Concurrent;
using HealthDw.Functions.Runtime;

namespace HealthDw.Cloud.Tests.Support;

/// <summary>An environment of the test's own, so no test reads or changes the process's.</summary>
public sealed class FakeEnvironment : IEnvironmentVariables
{
    private readonly ConcurrentDictionary<string, string> _variables = new(StringComparer.Ordinal);

    public FakeEnvironment(params (string Name, string Value)[] variables)
    {
        foreach (var (name, value) in variables) _variables[name] = value;
    }

    public string? Get(string name) => _variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public void Set(string name, string? value)
    {
        if (value is null) _variables.TryRemove(name, out _);
        else _variables[name] = value;
    }
}
