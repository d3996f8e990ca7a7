using HealthDw.Core.Configuration;

namespace HealthDw.Core.Ports;

/// <summary>The warehouse: PostgreSQL locally, Snowflake on AWS.</summary>
public interface IWarehouse
{
    /// <summary>Creates the schemas, the ledger and one staging table per contract (idempotent; adds new columns).</summary>
    Task EnsureSchemaAsync(PipelineConfig config, CancellationToken ct);

    Task<LedgerEntry?> FindLoadAsync(ObjectRef file, CancellationToken ct);

    /// <summary>Opens the load's transaction and claims the file version in the ledger.
    /// Null when another load already holds that version (it waits for that load to end first).</summary>
    Task<IStagingLoad?> BeginLoadAsync(LoadRequest request, CancellationToken ct);

    Task RecordRejectionAsync(Rejection rejection, CancellationToken ct);

    Task<IReadOnlyList<LedgerEntry>> RecentLoadsAsync(int limit, CancellationToken ct);

    /// <summary>Every file version loaded for a drop.</summary>
    Task<IReadOnlyList<LedgerEntry>> DropLoadsAsync(string dropId, CancellationToken ct);

    Task<IReadOnlyList<Rejection>> RecentRejectionsAsync(int limit, CancellationToken ct);

    /// <summary>Every file version of a drop that was refused.</summary>
    Task<IReadOnlyList<Rejection>> DropRejectionsAsync(string dropId, CancellationToken ct);

    Task<IReadOnlyDictionary<string, long>> StagingRowCountsAsync(PipelineConfig config, CancellationToken ct);

    /// <summary>When the drop was last published (audit.drop_publications); null when it never was.</summary>
    Task<DateTimeOffset?> LastPublishedAtAsync(string dropId, CancellationToken ct);

    /// <summary>Adds one moment of a publish-drop execution to audit.publish_attempts, stamped by the warehouse's clock: the
    /// one that stamps each load's loaded_at, so the two compare (a Lambda's clock, or a test's virtual one, would not).</summary>
    /// <param name="kind">One of the <see cref="PublishAttemptEvent"/> kinds.</param>
    Task RecordPublishAttemptAsync(string dropId, string executionName, string kind, CancellationToken ct);

    /// <summary>Every recorded moment of the drop's publish-drop executions, oldest first.</summary>
    Task<IReadOnlyList<PublishAttemptEvent>> PublishAttemptsAsync(string dropId, CancellationToken ct);
}
