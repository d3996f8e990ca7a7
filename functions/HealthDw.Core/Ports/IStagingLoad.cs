using HealthDw.Core.Configuration;

namespace HealthDw.Core.Ports;

/// <summary>
/// One file's load into its staging table, inside one warehouse transaction that also holds the
/// file's ledger row. Disposing it without <see cref="CommitAsync"/> rolls everything back.
/// </summary>
public interface IStagingLoad : IAsyncDisposable
{
    Guid LoadId { get; }

    IRowSink Rows { get; }

    /// <summary>Stops the bulk copy; nothing of this load will be kept.</summary>
    Task AbortAsync(CancellationToken ct);

    /// <summary>Ends the bulk copy so the checks below can run on the loaded rows.</summary>
    Task FinishRowsAsync(CancellationToken ct);

    /// <summary>Rows of this load whose primary key appears more than once in it.</summary>
    Task<KeyViolations> FindDuplicateKeysAsync(IReadOnlyList<string> primaryKey, CancellationToken ct);

    /// <summary>Rows of this load whose <paramref name="column"/> value is absent from the referenced table.</summary>
    Task<KeyViolations> FindOrphansAsync(string column, ColumnReference reference, CancellationToken ct);

    /// <summary>Whether the referenced table already holds rows from this drop (else the reference check waits for the drop).</summary>
    Task<bool> HasLoadedDropAsync(string table, string dropId, CancellationToken ct);

    Task CommitAsync(long rows, CancellationToken ct);
}
