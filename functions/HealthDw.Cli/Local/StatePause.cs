namespace HealthDw.Cli.Local;

/// <summary>
/// A debugging hook: with <c>HEALTHDW_PAUSE_BEFORE_STATE</c> set to a state's name, the local interpreter stops before it
/// enters that state (of any execution), says so on stderr and waits until the process is killed. A test kills the process
/// at that line, so that "killed during this phase" is the same every time, not a matter of timing.
/// </summary>
public static class StatePause
{
    public const string Variable = "HEALTHDW_PAUSE_BEFORE_STATE";

    /// <summary>The line written to stderr when it pauses; a test waits for it.</summary>
    public const string Paused = "healthdw debug: paused before state";

    /// <summary>The hook for the runner, or null when the variable is not set.</summary>
    public static Func<string, string, CancellationToken, Task>? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } state ? Before(state) : null;

    private static Func<string, string, CancellationToken, Task> Before(string state) => async (execution, name, ct) =>
    {
        if (name != state) return;
        await Console.Error.WriteLineAsync($"{Paused} '{name}' of execution {execution} ({Variable}); process {Environment.ProcessId} waits until it is killed");
        await Console.Error.FlushAsync(ct);
        await Task.Delay(Timeout.Infinite, ct);
    };
}
