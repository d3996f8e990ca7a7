using System.Text.Json.Nodes;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Json;
using HealthDw.StateMachine.Storage;

namespace HealthDw.StateMachine.Execution;

/// <summary>
/// Runs one execution from start to end: its timeline, its history, its TimeoutSeconds, and its record,
/// saved when it starts (RUNNING) and when it ends (SUCCEEDED, FAILED, TIMED_OUT or ABORTED).
/// </summary>
internal sealed record ExecutionRun(
    AslDefinition Definition,
    string StateMachineArn,
    string ExecutionArn,
    string Name,
    JsonNode? Input,
    DateTimeOffset StartDate,
    RuntimeServices Services,
    IExecutionStore Store)
{
    public async Task<ExecutionRecord> RunAsync(CancellationToken ct)
    {
        var clock = Services.Clock;
        using var timeline = clock.BeginTimeline(StartDate);
        ExecutionScope scope = null!;
        scope = new ExecutionScope
        {
            Checkpoint = () => Store.SaveAsync(Record(scope, ExecutionStatus.Running, null, null, null, null), CancellationToken.None),
            ExecutionArn = ExecutionArn,
            ExecutionName = Name,
            StateMachineArn = StateMachineArn,
            StateMachineName = Definition.Name,
            Input = Input,
            StartTime = StartDate,
            Services = Services,
            History = new HistoryRecorder(),
            Deadline = Definition.TimeoutSeconds is { } seconds ? StartDate.AddSeconds(seconds) : null,
        };
        var flow = new Flow(scope, 0, isMain: true);
        flow.Record(HistoryEventTypes.ExecutionStarted, new JsonObject { ["input"] = JsonText.Compact(Input), ["roleArn"] = Services.RoleArn });
        await Store.SaveAsync(Record(scope, ExecutionStatus.Running, null, null, null, null), CancellationToken.None);

        var timedOut = new CancellationTokenSource();
        using var stopTimer = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timedOut.Token);
        if (scope.Deadline is { } deadline)
        {
            _ = clock.WhenReachedAsync(deadline, stopTimer.Token).ContinueWith(
                t => { if (t.IsCompletedSuccessfully) timedOut.Cancel(); },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        ExecutionStatus status;
        JsonNode? output = null;
        string? error = null, cause = null;
        try
        {
            output = await Interpreter.RunGraphAsync(Definition.Graph, JsonText.Clone(Input), flow, linked.Token);
            status = ExecutionStatus.Succeeded;
            flow.Record(HistoryEventTypes.ExecutionSucceeded, new JsonObject { ["output"] = JsonText.Compact(output) });
        }
        catch (StatesErrorException e)
        {
            status = ExecutionStatus.Failed;
            error = e.Error.Length == 0 ? null : e.Error;
            cause = e.Cause;
            flow.Record(HistoryEventTypes.ExecutionFailed, new JsonObject { ["error"] = error, ["cause"] = cause });
        }
        catch (Exception e) when (e is ExecutionTimedOutException || (e is OperationCanceledException && !ct.IsCancellationRequested && IsPastDeadline(scope, timedOut)))
        {
            status = ExecutionStatus.TimedOut;
            error = StatesErrors.Timeout;
            cause = $"The execution ran longer than its TimeoutSeconds ({Definition.TimeoutSeconds} seconds).";
            flow.Record(HistoryEventTypes.ExecutionTimedOut, new JsonObject { ["error"] = error, ["cause"] = cause });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            status = ExecutionStatus.Aborted;
            flow.Record(HistoryEventTypes.ExecutionAborted, new JsonObject());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            status = ExecutionStatus.Failed;
            error = StatesErrors.Runtime;
            cause = $"{e.GetType().FullName}: {e.Message}";
            flow.Record(HistoryEventTypes.ExecutionFailed, new JsonObject { ["error"] = error, ["cause"] = cause });
        }
        finally
        {
            stopTimer.Cancel();
        }

        var stop = clock.Now;
        if (status == ExecutionStatus.TimedOut && scope.Deadline is { } end && end > stop)
            stop = end;
        var record = Record(scope, status, stop, output, error, cause);
        await Store.SaveAsync(record, CancellationToken.None);
        return record;
    }

    private static bool IsPastDeadline(ExecutionScope scope, CancellationTokenSource timedOut) =>
        timedOut.IsCancellationRequested || (scope.Deadline is { } deadline && scope.Services.Clock.Now >= deadline);

    private ExecutionRecord Record(ExecutionScope scope, ExecutionStatus status, DateTimeOffset? stop, JsonNode? output, string? error, string? cause) => new()
    {
        ExecutionArn = ExecutionArn,
        StateMachineArn = StateMachineArn,
        StateMachineName = Definition.Name,
        Name = Name,
        Status = status,
        StartDate = StartDate,
        StopDate = stop,
        Input = JsonText.Clone(Input),
        Output = JsonText.Clone(output),
        Error = error,
        Cause = cause,
        Events = scope.History.Snapshot(),
        Path = scope.Path,
        Owner = Services.Owner,
    };
}
