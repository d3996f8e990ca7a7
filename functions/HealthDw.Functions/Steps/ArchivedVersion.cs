using HealthDw.Core.Ports;

namespace HealthDw.Functions.Steps;

/// <summary>
/// Whether a version a step cannot find (<see cref="ObjectVersionGoneException"/>) was archived by another execution of the
/// same file (two drops, a duplicate event, a replay), so that this execution yields instead of failing: no report, no
/// alert, and the file is not reported as lost.
/// <para>The rule: the version moved away, and for a data file the ledger holds it as loaded (so it went to processed/)
/// or the audit trail holds its refusal (so it went to error_files/ with its report: Archive File records the refusal
/// before it moves the file). "Moved away" is told apart from "overwritten" as each bucket allows: in a versioned bucket a
/// version disappears only when it is deleted by its VersionId, which this pipeline does only after a verified copy
/// (Archive File), so a gone version was archived; in a folder or an unversioned bucket the key keeps one content, so the
/// version moved away only when the key now holds nothing (other content there means it was overwritten, and the step
/// fails as before, ObjectVersionGoneException). No content is compared: under SSE-KMS a copy gets another ETag.</para>
/// </summary>
public sealed class ArchivedVersion(IObjectStore store, IWarehouse warehouse)
{
    /// <summary>The ledger row of a data file's version that is loaded and archived by another execution; else null.</summary>
    public async Task<LedgerEntry?> LoadedAndArchivedAsync(ObjectRef file, CancellationToken ct) =>
        await warehouse.FindLoadAsync(file, ct) is { } entry && await MovedAwayAsync(file, ct) ? entry : null;

    /// <summary>True when another execution refused this data file's version and archived it to error_files/.</summary>
    public async Task<bool> RejectedAndArchivedAsync(ObjectRef file, string? dropId, CancellationToken ct) =>
        dropId is { } drop
        && (await warehouse.DropRejectionsAsync(drop, ct)).Any(r => r.Bucket == file.Bucket && r.Key == file.Key
            && r.VersionToken == file.VersionToken)
        && await MovedAwayAsync(file, ct);

    /// <summary>True when the version left the key (archived), rather than being overwritten under it.</summary>
    public async Task<bool> MovedAwayAsync(ObjectRef file, CancellationToken ct) =>
        !string.IsNullOrEmpty(file.VersionId) || await store.HeadAsync(file.Key, ct) is null;

    /// <summary>The verdict of a step that found its version refused and archived by another execution: the execution
    /// ends there (ingest-file's Rejected By Another Execution), with no second report and no alert.</summary>
    public static FileVerdict AlreadyRejected(string stage, long size) =>
        new(StepStatus.AlreadyRejected, stage, null, 0, size, 0, 0, [], []);
}
