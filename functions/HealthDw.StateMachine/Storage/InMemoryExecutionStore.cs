using System.Collections.Concurrent;
using HealthDw.StateMachine.History;

namespace HealthDw.StateMachine.Storage;

/// <summary>Execution records in memory, for tests and one-off local runs.</summary>
public sealed class InMemoryExecutionStore : IExecutionStore
{
    private readonly ConcurrentDictionary<string, ExecutionRecord> _records = new(StringComparer.Ordinal);

    public Task SaveAsync(ExecutionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records[record.ExecutionArn] = record;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ExecutionRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExecutionRecord>>([.. _records.Values.OrderByDescending(r => r.StartDate).ThenBy(r => r.ExecutionArn, StringComparer.Ordinal)]);

    public Task<ExecutionRecord?> GetAsync(string executionArnOrName, CancellationToken cancellationToken = default) =>
        Task.FromResult(ExecutionLookup.Find(_records.Values, executionArnOrName));
}
