using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;

namespace HealthDw.Core.Loading;

/// <summary>A file version routed to a table in a drop: what Validate File, Load To Staging and Check Load receive, and what
/// the loaders load. On the wire it is the same flat JSON as Route File's answer (bucket, key, size, eTag, versionId, table,
/// dropId, part, executionId, originVersion), but the table and the drop cannot be missing: a payload without them is
/// refused on the way in (the step's bad input), not found out by a handler half-way.
/// Keys, ids and counts only, never row data.</summary>
/// <param name="ExecutionId">The ingest execution handling the file, for log lines (set by Route File from the context object).</param>
/// <param name="OriginVersion">The version token the content was first loaded or refused under, when this version is a copy
/// of it (see <see cref="ObjectRef.OriginVersion"/>): the ledger keys on it.</param>
public sealed record RoutedFile(string Bucket, string Key, long Size, string ETag, string? VersionId, string Table, DropId DropId, int? Part,
    string? ExecutionId = null, string? OriginVersion = null)
{
    // The serializer does not hold a payload to the nullable annotations: a missing or null table arrives here as null.
    public string Table { get; init; } = string.IsNullOrEmpty(Table)
        ? throw new ArgumentException("a routed file names its table ('table' is missing or empty)", nameof(Table)) : Table;

    public DropId DropId { get; init; } = DropId == default
        ? throw new ArgumentException("a routed file names its drop ('dropId' is missing)", nameof(DropId)) : DropId;

    /// <summary>The object version alone (what the ledger keys on).</summary>
    public ObjectRef Object => new(Bucket, Key, Size, ETag, VersionId, OriginVersion);

    public string FileName => BucketLayout.FileNameOf(Key);

    /// <summary>An object version routed to <paramref name="table"/> in <paramref name="dropId"/> (the CLI and tests, which
    /// hold the version from a store's HEAD rather than from a step payload).</summary>
    public static RoutedFile Of(ObjectRef version, string table, DropId dropId, int? part) =>
        new(version.Bucket, version.Key, version.Size, version.ETag, version.VersionId, table, dropId, part, OriginVersion: version.OriginVersion);
}
