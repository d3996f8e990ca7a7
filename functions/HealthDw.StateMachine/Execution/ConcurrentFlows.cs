using System.Runtime.ExceptionServices;

namespace HealthDw.StateMachine.Execution;

/// <summary>Waits for branch or iteration tasks; on the first failure cancels the rest, waits for them, and rethrows it.</summary>
internal static class ConcurrentFlows
{
    public static async Task<T[]> WhenAllOrFirstFailureAsync<T>(IReadOnlyList<Task<T>> tasks, CancellationTokenSource cancelOthers)
    {
        var first = new StrongBox();
        foreach (var task in tasks)
        {
            _ = task.ContinueWith(
                t =>
                {
                    var error = t.IsFaulted ? t.Exception!.InnerException! : new OperationCanceledException();
                    if (Interlocked.CompareExchange(ref first.Value, error, null) is null)
                        cancelOthers.Cancel();
                },
                CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (Exception) when (first.Value is not null)
        {
            // The first failure, not WhenAll's choice among them, is the one that counts.
        }
        if (first.Value is not null)
            ExceptionDispatchInfo.Throw(first.Value);
        return [.. tasks.Select(t => t.Result)];
    }

    private sealed class StrongBox
    {
        public Exception? Value;
    }
}
