using HealthDw.Core.Configuration;
using HealthDw.Core.Schema;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// The DDL of the Snowflake warehouse: the same schemas, audit tables and staging tables as the PostgreSQL one, as lists
/// of statements (a multi-statement request needs their count).
/// <list type="bullet">
/// <item>Snowflake declares but does not enforce PRIMARY KEY and UNIQUE (only NOT NULL): the ledger's unique key is kept
/// by the stage loader, which claims a file version with a MERGE inside the load's transaction, after taking the lock
/// of <c>audit.write_lock</c>.</item>
/// <item>Column types are chosen so INFORMATION_SCHEMA tells them apart as the contract does (see
/// <see cref="SnowflakeDialect.ColumnsQuery"/>): integer is NUMBER(10,0), bigint NUMBER(19,0), text VARCHAR at full
/// length, timestamp TIMESTAMP_NTZ.</item>
/// <item>There are no indexes in Snowflake; loads append in load-id order (UUIDv7), so micro-partition pruning finds
/// one load's rows much as the BRIN index does locally.</item>
/// </list>
/// </summary>
public static class SnowflakeSchema
{
    /// <summary>The staging table's columns that say where each row came from, in table order after the contract's columns.</summary>
    public static readonly IReadOnlyList<string> MetadataColumns = ["_source_line", "_source_key", "_source_version", "_load_id", "_loaded_at"];

    public static IReadOnlyList<string> Base { get; } =
    [
        "create schema if not exists staging",
        "create schema if not exists analytics",
        "create schema if not exists audit",
        """
        create table if not exists audit.load_ledger (
            load_id        varchar(36) not null,
            bucket         varchar not null,
            object_key     varchar not null,
            version_token  varchar not null,
            etag           varchar not null,
            version_id     varchar,
            size_bytes     number(19,0) not null,
            table_name     varchar not null,
            drop_id        varchar not null,
            part           number(10,0),
            rows_loaded    number(19,0) not null default 0,
            started_at     timestamp_ltz not null,
            loaded_at      timestamp_ltz,
            primary key (load_id),
            unique (bucket, object_key, version_token)
        )
        """,
        // One row, updated first by every transaction that reads then writes (a load's commit, the alert window) to take
        // this table's lock: such transactions queue, and each reads what the one before it committed.
        "create table if not exists audit.write_lock (writes number(19,0) not null)",
        "insert into audit.write_lock (writes) select 0 where not exists (select 1 from audit.write_lock)",
        """
        create table if not exists audit.file_rejections (
            rejection_id     number(19,0) autoincrement start 1 increment 1 order,
            bucket           varchar not null,
            object_key       varchar not null,
            version_token    varchar not null,
            table_name       varchar,
            drop_id          varchar,
            stage            varchar not null,
            problem_count    number(19,0) not null,
            first_problem    varchar not null,
            error_report_key varchar not null,
            rejected_at      timestamp_ltz not null,
            primary key (rejection_id)
        )
        """,
        """
        create table if not exists audit.check_results (
            drop_id      varchar not null,
            check_name   varchar not null,
            table_name   varchar not null,
            metric       varchar not null,
            value        double,
            threshold    varchar not null,
            outcome      varchar not null,
            detail       varchar not null,
            source_file  varchar not null,
            checked_at   timestamp_ltz not null,
            failed_rows  array
        )
        """,
        "alter table audit.check_results add column if not exists failed_rows array",
        """
        create table if not exists audit.alert_window (
            group_key    varchar not null,
            last_sent_at timestamp_ltz,
            held         array not null,
            primary key (group_key)
        )
        """,
        """
        create table if not exists audit.drop_publications (
            drop_id       varchar not null,
            published     boolean not null,
            checks_passed number(10,0) not null,
            checks_warned number(10,0) not null,
            checks_failed number(10,0) not null,
            blockers      varchar not null,
            duration_ms   number(19,0) not null,
            decided_at    timestamp_ltz not null
        )
        """,
        """
        create table if not exists audit.publish_attempts (
            drop_id        varchar not null,
            execution_name varchar not null,
            kind           varchar not null,
            recorded_at    timestamp_ltz not null
        )
        """,
    ];

    /// <summary>The staging table of a contract, then one <c>ADD COLUMN IF NOT EXISTS</c> per column so a table created
    /// by an older contract gains the new columns (nullable: the rows already loaded have no value for them).</summary>
    public static IReadOnlyList<string> StagingTable(TableContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var table = Table(contract);
        var columns = contract.Columns.Select(c => $"    {Column(c)} {ColumnType(c.Type)},\n");
        var create = $"create table if not exists {table} (\n{string.Concat(columns)}" + """
                _source_line    number(19,0) not null,
                _source_key     varchar not null,
                _source_version varchar not null,
                _load_id        varchar(36) not null,
                _loaded_at      timestamp_ltz not null
            )
            """;
        return [create, .. contract.Columns.Select(c => $"alter table {table} add column if not exists {Column(c)} {ColumnType(c.Type)}")];
    }

    /// <summary>Every statement that <c>EnsureSchemaAsync</c> runs, in order.</summary>
    public static IReadOnlyList<string> All(PipelineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [.. Base, .. config.Contracts.Values.OrderBy(c => c.Table, StringComparer.Ordinal).SelectMany(StagingTable)];
    }

    /// <summary>A contract type in Snowflake.</summary>
    public static string ColumnType(ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            ColumnKind.Text => "varchar",
            ColumnKind.Varchar => $"varchar({type.Length})",
            ColumnKind.Integer => "number(10,0)",
            ColumnKind.BigInt => "number(19,0)",
            ColumnKind.Decimal => $"number({type.Precision},{type.Scale})",
            ColumnKind.Boolean => "boolean",
            ColumnKind.Date => "date",
            ColumnKind.Timestamp => "timestamp_ntz",
            ColumnKind.Double => "float",
            _ => throw new InvalidOperationException($"unhandled column kind {type.Kind}"),
        };
    }

    /// <summary>A widening the plan allowed within Snowflake's limits (<see cref="AlterLimits.Snowflake"/>).</summary>
    public static string Widen(ColumnTypeChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return $"alter table staging.{SnowflakeSql.RequireIdentifier(change.Table, "table")} alter column " +
               $"{SnowflakeSql.RequireIdentifier(change.Column, "column").ToLowerInvariant()} set data type {ColumnType(change.Wanted)}";
    }

    /// <summary>VARCHAR's length when none is given (Snowflake reports TEXT of this length for <c>varchar</c>).</summary>
    public const int FullVarcharLength = 16_777_216;

    /// <summary>A column of INFORMATION_SCHEMA.COLUMNS as the contract type this schema creates it for; null for other types.</summary>
    public static ColumnType? ContractType(string dataType, int? length, int? precision, int? scale) => dataType switch
    {
        "TEXT" when length is null or >= FullVarcharLength => new ColumnType(ColumnKind.Text),
        "TEXT" => new ColumnType(ColumnKind.Varchar, Length: length.Value),
        "NUMBER" when precision == 10 && scale == 0 => new ColumnType(ColumnKind.Integer),
        "NUMBER" when precision == 19 && scale == 0 => new ColumnType(ColumnKind.BigInt),
        "NUMBER" when precision is { } p && scale is { } s => new ColumnType(ColumnKind.Decimal, Precision: p, Scale: s),
        "BOOLEAN" => new ColumnType(ColumnKind.Boolean),
        "DATE" => new ColumnType(ColumnKind.Date),
        "TIMESTAMP_NTZ" => new ColumnType(ColumnKind.Timestamp),
        "FLOAT" => new ColumnType(ColumnKind.Double),
        _ => null,
    };

    /// <summary><c>staging.&lt;table&gt;</c>.</summary>
    public static string Table(TableContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return "staging." + SnowflakeSql.RequireIdentifier(contract.Table, "table");
    }

    /// <summary>A contract column as a SQL identifier (lower case; Snowflake stores it upper case).</summary>
    public static string Column(ColumnSpec column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return SnowflakeSql.RequireIdentifier(column.Name, "column").ToLowerInvariant();
    }
}
