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
            return process.HasExited || (process.StartTime.ToUniversalTime() - ProcessStart).Duration() > SameStart;
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

    public override string ToString() =>
        $"process {ProcessId} started {ProcessStart.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z";
}
