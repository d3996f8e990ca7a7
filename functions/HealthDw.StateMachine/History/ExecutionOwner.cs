using System.Diagnostics;

namespace HealthDw.StateMachine.History;

/// <summary>
/// The process that runs an execution in process: its id and its start time. On AWS an execution outlives the Lambda that
/// crashed under it; here it lives in the process that runs the interpreter, so a record that says RUNNING is only true
/// while that process lives. The start time tells a process that is gone from a new one that was given the same id: a
/// process that is slow is still this owner, one that is gone never comes back.
/// </summary>
public sealed record ExecutionOwner(int ProcessId, DateTimeOffset ProcessStart)
{
    /// <summary>Start times read back from the system are rounded; closer than this is the same process.</summary>
    private static readonly TimeSpan SameStart = TimeSpan.FromSeconds(2);

    private static readonly Lazy<ExecutionOwner> Self = new(() =>
    {
        using var process = Process.GetCurrentProcess();
        return new ExecutionOwner(process.Id, process.StartTime.ToUniversalTime());
    });

    /// <summary>This process.</summary>
    public static ExecutionOwner Current => Self.Value;

    /// <summary>True when no process with this id and start time runs on this machine any more.</summary>
    public bool IsGone()
    {
        if (ProcessId == Environment.ProcessId)
            return (Current.ProcessStart - ProcessStart).Duration() > SameStart;
        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return process.HasExited || IsZombie(ReadStat(ProcessId))
                || (process.StartTime.ToUniversalTime() - ProcessStart).Duration() > SameStart;
        }
        catch (ArgumentException)
        {
            return true; // no process has that id
        }
        catch (InvalidOperationException)
        {
            return true; // it ended while we looked
        }
    }

    /// <summary>
    /// Whether a Linux /proc/&lt;pid&gt;/stat line is a zombie's (state Z): killed, but not yet reaped by its parent. A
    /// process killed in a container whose init does not reap at once stays so for seconds, and .NET's HasExited says
    /// false for it, so `executions list` would call its execution RUNNING. The state is the field after the command
    /// name, which is in parentheses and may itself hold spaces and parentheses: read after the last ')'.
    /// </summary>
    public static bool IsZombie(string? stat)
    {
        if (stat is null) return false;
        var end = stat.LastIndexOf(')');
        return end >= 0 && stat.AsSpan(end + 1).TrimStart().StartsWith("Z", StringComparison.Ordinal);
    }

    private static string? ReadStat(int processId)
    {
        try
        {
            return OperatingSystem.IsLinux() ? File.ReadAllText($"/proc/{processId}/stat") : null;
        }
        catch (IOException)
        {
            return null; // it went while we looked: HasExited and the start time decide
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public override string ToString() =>
        $"process {ProcessId} started {ProcessStart.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z";
}
