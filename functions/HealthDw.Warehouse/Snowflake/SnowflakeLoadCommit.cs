using System.Globalization;
using HealthDw.Core.Configuration;
using HealthDw.Core.Loading;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// The one request that makes a load count: <c>BEGIN</c>; UPDATE the one row of <c>audit.write_lock</c>, which holds
/// that table's lock until the COMMIT, so commits queue one behind the other; MERGE the ledger row (it inserts only when
/// no row has this bucket, key and version); INSERT the per-load rows into staging, only if this load's ledger row is
/// there and its rows are not (so neither a lost race nor the same request run twice adds rows); <c>COMMIT</c>; then
/// DROP the per-load table.
/// <list type="bullet">
/// <item>The lock is taken by a statement of its own, before the MERGE, because under READ COMMITTED a statement sees
/// what was committed before it began: the MERGE begins after the other commit ended, so it sees that load's ledger row.
/// Whether a MERGE that waits for a lock then reads the rows committed meanwhile is not documented; this does not depend
/// on it.</item>
/// <item>The DROP is after the COMMIT on purpose: Snowflake commits DDL on its own, so a DROP inside would end the
/// transaction early.</item>
/// </list>
/// </summary>
internal static class SnowflakeLoadCommit
{
    /// <summary>The MERGE's position among the statements (its result says whether this load claimed the version).</summary>
    public const int MergeIndex = 2;

    private const string LedgerColumns =
        "load_id, bucket, object_key, version_token, etag, version_id, size_bytes, table_name, drop_id, part, rows_loaded, started_at, loaded_at";

    public static IReadOnlyList<string> Statements(SnowflakeLoadHandle handle, RoutedFile file, TableContract contract, long rows)
    {
        var o = file.Object;
        var loadId = SnowflakeSql.Literal(handle.LoadId.ToString("D", CultureInfo.InvariantCulture));
        var staging = SnowflakeSchema.Table(contract);
        var loadTable = SnowflakeStageLoader.LoadTable(handle.LoadId);
        return
        [
            "begin transaction",
            SnowflakeSql.TakeWriteLock,
            $"""
            merge into audit.load_ledger as l
            using (select {loadId} as load_id, {SnowflakeSql.Literal(o.Bucket)} as bucket, {SnowflakeSql.Literal(o.Key)} as object_key,
                          {SnowflakeSql.Literal(o.VersionToken)} as version_token, {SnowflakeSql.Literal(o.ETag)} as etag,
                          cast({SnowflakeSql.Literal(o.VersionId)} as varchar) as version_id, {SnowflakeSql.Literal(o.Size)} as size_bytes,
                          {SnowflakeSql.Literal(contract.Table)} as table_name, {SnowflakeSql.Literal(file.DropId.Value)} as drop_id,
                          cast({SnowflakeSql.Literal((long?)file.Part)} as number(10,0)) as part, {SnowflakeSql.Literal(rows)} as rows_loaded,
                          {SnowflakeSql.TimestampLtz(handle.StartedAt)} as started_at, current_timestamp() as loaded_at) as s
            on l.bucket = s.bucket and l.object_key = s.object_key and l.version_token = s.version_token
            when not matched then insert ({LedgerColumns})
                values (s.{LedgerColumns.Replace(", ", ", s.", StringComparison.Ordinal)})
            """,
            $"""
            insert into {staging}
            select * from {loadTable}
            where exists (select 1 from audit.load_ledger where load_id = {loadId})
              and not exists (select 1 from {staging} where _load_id = {loadId})
            """,
            "commit",
            $"drop table if exists {loadTable}",
        ];
    }

    /// <summary>The rows a MERGE or INSERT inserted: its <c>stats</c>, else its "number of rows inserted" column; null when neither is there.</summary>
    public static long? Inserted(SnowflakeResult statement)
    {
        if (statement.Stats is { } stats)
            return stats.RowsInserted;
        var column = statement.ColumnIndex("number of rows inserted");
        return column >= 0 && statement.Rows.Count > 0
               && long.TryParse(statement.Rows[0][column], NumberStyles.Integer, CultureInfo.InvariantCulture, out var inserted)
            ? inserted
            : null;
    }
}
