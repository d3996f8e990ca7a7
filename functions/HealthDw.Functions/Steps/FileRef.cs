using HealthDw.Core.Ports;

namespace HealthDw.Functions.Steps;

/// <summary>A file version and where Route File routed it, if anywhere: Route File's answer, and what Archive File and
/// Notify receive (which also handle files no route claimed, so the table and the drop may be missing; the steps that need
/// them take a <see cref="HealthDw.Core.Loading.RoutedFile"/>). Keys, ids and counts only, never row data.</summary>
/// <param name="ExecutionId">The ingest execution handling the file, for log lines (set by Route File from the context object).</param>
/// <param name="OriginVersion">The version token the content was first loaded or refused under, when this version is a copy
/// of it (a replay; set by Route File from the object's metadata): the ledger keys on it (<see cref="ObjectRef.OriginVersion"/>).</param>
public sealed record FileRef(string Bucket, string Key, long Size, string ETag, string? VersionId, string? Table, string? DropId, int? Part,
    string? ExecutionId = null, string? OriginVersion = null)
{
    public ObjectRef Object => new(Bucket, Key, Size, ETag, VersionId, OriginVersion);

    public string FileName => Key[(Key.LastIndexOf('/') + 1)..];
}
