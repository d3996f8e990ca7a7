using HealthDw.StateMachine.History;

namespace HealthDw.StateMachine.Storage;

/// <summary>Where execution records are kept: saved when an execution starts and again when it ends.</summary>
public interface IExecutionStore
{
    /// <summary>Saves a record, replacing any earlier one with the same execution ARN.</summary>
    Task SaveAsync(ExecutionRecord record, CancellationToken cancellationToken = default);

    /// <summary>All records, newest start first.</summary>
    Task<IReadOnlyList<ExecutionRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The record with this execution ARN, or else the one with this execution name; null when there
    /// is none. A name that several state machines used is ambiguous and throws.
    /// </summary>
    Task<ExecutionRecord?> GetAsync(string executionArnOrName, CancellationToken cancellationToken = default);
}
