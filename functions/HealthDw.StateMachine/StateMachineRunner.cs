using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Execution;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Json;
using HealthDw.StateMachine.Storage;

namespace HealthDw.StateMachine;

/// <summary>
/// Runs registered state machines in process, the way Step Functions would: each registered under
/// <c>arn:aws:states:local:000000000000:stateMachine:NAME</c>; executions named uniquely per state
/// machine; executions that Task states start run concurrently and can be awaited with
/// <see cref="WaitForAllAsync"/>. Every execution is recorded in the options' store.
/// </summary>
public sealed class StateMachineRunner : IExecutionStarter
{
    private const string ArnPrefix = "arn:aws:states:local:000000000000:";
    private readonly StateMachineRunnerOptions _options;
    private readonly RuntimeServices _services;
    private readonly ConcurrentDictionary<string, AslDefinition> _machines = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ExecutionEntry> _executions = new(StringComparer.Ordinal);

    public StateMachineRunner(StateMachineRunnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _services = new RuntimeServices(options.Clock, options.Random, options.Ids, options.LambdaInvoker, this,
            options.DefaultTaskTimeoutSeconds, options.ContextFields, options.RoleArn,
            options.ErrorModel, options.PayloadLimitBytes, options.Owner, options.BeforeState);
    }

    public IExecutionStore Store => _options.Store;

    public static string StateMachineArnFor(string name) => ArnPrefix + "stateMachine:" + name;

    public static string ExecutionArnFor(string stateMachineName, string executionName) =>
        ArnPrefix + "execution:" + stateMachineName + ":" + executionName;

    /// <summary>Registers (or replaces) a state machine under its name and returns its ARN.</summary>
    public string Register(AslDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _machines[definition.Name] = definition;
        return StateMachineArnFor(definition.Name);
    }

    /// <summary>
    /// Runs an execution to its end and returns its record. <paramref name="stateMachine"/> is a
    /// registered name or ARN; without a <paramref name="name"/> one is drawn from the id source.
    /// Throws <see cref="StateMachineDoesNotExistException"/> or <see cref="ExecutionAlreadyExistsException"/>;
    /// cancelling <paramref name="cancellationToken"/> aborts the execution (status ABORTED).
    /// </summary>
    public async Task<ExecutionRecord> StartExecutionAsync(string stateMachine, string? name, JsonNode? input, CancellationToken cancellationToken = default)
    {
        var started = await StartAsync(stateMachine, name, input ?? new JsonObject(), cancellationToken);
        return await started.Completion;
    }

    /// <summary>Waits until every execution started so far, including those started by tasks, has ended.</summary>
    public async Task WaitForAllAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task[] pending;
            lock (_gate)
                pending = [.. _executions.Values.Select(e => e.Completion).Where(t => !t.IsCompleted)];
            if (pending.Length == 0)
                return;
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
    }

    async Task<StartedExecution> IExecutionStarter.StartFromTaskAsync(string stateMachineArn, string? name, JsonNode? input)
    {
        try
        {
            return await StartAsync(stateMachineArn, name, input, CancellationToken.None);
        }
        catch (StateMachineDoesNotExistException e)
        {
            throw new StatesErrorException(StatesErrors.StateMachineDoesNotExist, e.Message);
        }
        catch (ExecutionAlreadyExistsException e)
        {
            throw new StatesErrorException(StatesErrors.ExecutionAlreadyExists, e.Message);
        }
        catch (ArgumentException e)
        {
            throw new StatesErrorException(StatesErrors.InvalidName, e.Message);
        }
    }

    private async Task<StartedExecution> StartAsync(string stateMachine, string? name, JsonNode? input, CancellationToken ct)
    {
        var definition = Resolve(stateMachine) ?? throw new StateMachineDoesNotExistException(stateMachine);
        name ??= _services.Ids.NewUuid();
        ExecutionNames.Check(name);
        var arn = ExecutionArnFor(definition.Name, name);
        bool known;
        lock (_gate)
            known = _executions.ContainsKey(arn);
        if (!known && await _options.Store.GetAsync(arn, ct) is not null)
            throw new ExecutionAlreadyExistsException(arn);

        var now = _services.Clock.Now;
        var completion = new TaskCompletionSource<ExecutionRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_executions.TryGetValue(arn, out var existing))
            {
                // Same name and input while the first is still open: the service answers with that execution.
                if (existing.IsOpenAt(now) && JsonEquality.Equal(existing.Input, input))
                    return new StartedExecution(existing.Arn, existing.StartDate, existing.Completion);
                throw new ExecutionAlreadyExistsException(arn);
            }
            _executions[arn] = new ExecutionEntry(arn, JsonText.Clone(input), now, completion.Task);
        }

        var run = new ExecutionRun(definition, StateMachineArnFor(definition.Name), arn, name, JsonText.Clone(input), now, _services, _options.Store);
        Task<ExecutionRecord> running;
        try
        {
            running = run.RunAsync(ct);
        }
        catch (Exception e)
        {
            running = Task.FromException<ExecutionRecord>(e);
        }
        _ = running.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
                completion.TrySetResult(t.Result);
            else if (t.IsCanceled)
                completion.TrySetCanceled();
            else
                completion.TrySetException(t.Exception!.InnerExceptions);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return new StartedExecution(arn, now, completion.Task);
    }

    private AslDefinition? Resolve(string stateMachine)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateMachine);
        if (_machines.TryGetValue(stateMachine, out var byName))
            return byName;
        // Any stateMachine ARN whose name part is registered: definitions may carry the deployed account and region.
        var parts = stateMachine.Split(':');
        if (parts.Length == 7 && parts[0] == "arn" && parts[2] == "states" && parts[5] == "stateMachine")
            return _machines.GetValueOrDefault(parts[6]);
        return null;
    }

    private sealed record ExecutionEntry(string Arn, JsonNode? Input, DateTimeOffset StartDate, Task<ExecutionRecord> Completion)
    {
        /// <summary>Still running at <paramref name="now"/>: not finished, or (on a virtual clock) finished later than that.</summary>
        public bool IsOpenAt(DateTimeOffset now) =>
            !Completion.IsCompleted || (Completion.IsCompletedSuccessfully && Completion.Result.StopDate > now);
    }
}
