using System.Text.Json.Nodes;
using HealthDw.StateMachine.Execution;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Tasks;

/// <summary>
/// Runs a Task state's resource under its timeout and records the task's history events. Errors a task
/// raises are marked as task errors (so that "States.TaskFailed" in ErrorEquals matches them): a
/// <see cref="TaskFailedException"/> keeps its name, any other exception becomes States.TaskFailed with
/// the exception type as the cause, and running out of time is States.Timeout.
/// </summary>
internal static class TaskDispatcher
{
    public static async Task<JsonNode?> InvokeAsync(TaskResource resource, JsonNode? parameters, TimeSpan timeout, StateRun run, CancellationToken ct)
    {
        var flow = run.Flow;
        var clock = run.Services.Clock;
        var isFunction = resource.Kind == TaskResourceKind.LambdaFunction;
        var (resourceType, resourceName) = resource.HistoryNames();
        JsonObject Details() => new() { ["resourceType"] = resourceType, ["resource"] = resourceName };

        var scheduled = Details();
        scheduled["region"] = "local";
        scheduled["parameters"] = JsonText.Compact(parameters);
        scheduled["timeoutInSeconds"] = (long)timeout.TotalSeconds;
        flow.Record(isFunction ? HistoryEventTypes.LambdaFunctionScheduled : HistoryEventTypes.TaskScheduled, scheduled);

        StatesErrorException Failed(string error, string? cause, bool fromTask = true)
        {
            var details = Details();
            details["error"] = error;
            details["cause"] = cause;
            flow.Record(isFunction ? HistoryEventTypes.LambdaFunctionFailed : HistoryEventTypes.TaskFailed, details);
            return new StatesErrorException(error, cause, fromTask);
        }

        if (resource.Kind == TaskResourceKind.Unsupported)
        {
            throw Failed(StatesErrors.Runtime,
                $"The resource '{resource.Arn}' is not supported by this interpreter: it runs arn:aws:states:::lambda:invoke, Lambda function ARNs and arn:aws:states:::states:startExecution (.sync, .sync:2).",
                fromTask: false);
        }
        flow.Record(isFunction ? HistoryEventTypes.LambdaFunctionStarted : HistoryEventTypes.TaskStarted, Details());

        using var workCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var timerCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var timer = clock.WhenReachedAsync(clock.Now + timeout, timerCts.Token);
        Task<JsonNode?> work;
        try
        {
            work = Start(resource, parameters, run, workCts.Token);
        }
        catch (Exception e)
        {
            work = Task.FromException<JsonNode?>(e);
        }
        if (!work.IsCompleted && !timer.IsCompleted)
            await Task.WhenAny(work, timer);
        if (timer.IsCompletedSuccessfully)
        {
            workCts.Cancel();
            _ = work.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            var cause = $"The task ran longer than its timeout of {(long)timeout.TotalSeconds} seconds.";
            var details = Details();
            details["error"] = StatesErrors.Timeout;
            details["cause"] = cause;
            flow.Record(isFunction ? HistoryEventTypes.LambdaFunctionTimedOut : HistoryEventTypes.TaskTimedOut, details);
            throw new StatesErrorException(StatesErrors.Timeout, cause, fromTask: true);
        }
        timerCts.Cancel();

        try
        {
            var result = await work;
            var succeeded = Details();
            succeeded["output"] = JsonText.Compact(result);
            flow.Record(isFunction ? HistoryEventTypes.LambdaFunctionSucceeded : HistoryEventTypes.TaskSucceeded, succeeded);
            return result;
        }
        catch (TaskFailedException e)
        {
            throw Failed(e.Error, e.Cause);
        }
        catch (StatesErrorException e)
        {
            throw Failed(e.Error, e.Cause, fromTask: !e.IsTerminal);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (run.Scope.Deadline is { } deadline && clock.Now >= deadline)
        {
            throw new ExecutionTimedOutException();
        }
        catch (Exception e)
        {
            throw Failed(StatesErrors.TaskFailed, e.GetType().FullName);
        }
    }

    private static Task<JsonNode?> Start(TaskResource resource, JsonNode? parameters, StateRun run, CancellationToken ct) => resource.Kind switch
    {
        TaskResourceKind.LambdaInvoke => LambdaInvokeIntegration.InvokeOptimizedAsync(run.Services.Invoker, parameters, ct),
        TaskResourceKind.LambdaFunction => LambdaInvokeIntegration.InvokeFunctionAsync(run.Services.Invoker, resource.Arn, parameters, ct),
        _ => StartExecutionIntegration.RunAsync(resource.Kind, parameters, run, ct),
    };
}
