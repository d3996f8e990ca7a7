using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Schema;

namespace HealthDw.Warehouse.DuckDb;

/// <summary>
/// The DDL of the embedded warehouse: the tables of PostgresSchema in DuckDB's spelling. Differences: the rejection id comes
/// from a sequence (DuckDB has no identity columns); arrays are lists (<c>varchar[]</c>); no secondary indexes (DuckDB's
/// zone maps serve the drop and load filters); and since DuckDB keeps no length for a VARCHAR, each text column carries its
/// contract type in its comment, so a contract's varchar length change is still seen (<see cref="ContractType"/>).
/// </summary>
internal static class DuckDbSchema
{
    public const string Base = """
        create schema if not exists staging;
        create schema if not exists analytics;
        create schema if not exists audit;

        -- One row per file version loaded, written in the same transaction as its rows:
        -- the unique key is what makes a load happen exactly once.
        create table if not exists audit.load_ledger (
            load_id        uuid primary key,
            bucket         text not null,
            object_key     text not null,
            version_token  text not null,
            etag           text not null,
            version_id     text,
            size_bytes     bigint not null,
            table_name     text not null,
            drop_id        text not null,
            part           integer,
            rows_loaded    bigint not null default 0,
            started_at     timestamptz not null,
            loaded_at      timestamptz,
            unique (bucket, object_key, version_token)
        );

        -- Files refused, with the first problem (rule and position; never a cell value).
        create sequence if not exists audit.file_rejections_id;
        create table if not exists audit.file_rejections (
            rejection_id     bigint not null default nextval('audit.file_rejections_id'),
            bucket           text not null,
            object_key       text not null,
            version_token    text not null,
            table_name       text,
            drop_id          text,
            stage            text not null,
            problem_count    bigint not null,
            first_problem    text not null,
            error_report_key text not null,
            rejected_at      timestamptz not null
        );

        -- Every check of every drop, so a history exists (metrics are aggregates, never cell values).
        create table if not exists audit.check_results (
            drop_id      text not null,
            check_name   text not null,
            table_name   text not null,
            metric       text not null,
            value        double precision,
            threshold    text not null,
            outcome      text not null,
            detail       text not null,
            source_file  text not null,
            checked_at   timestamptz not null,
            failed_rows  varchar[] not null default []
        );

        -- Alerts held back so a drop's rejections reach the team once a minute at most.
        create table if not exists audit.alert_window (
            group_key    text primary key,
            last_sent_at timestamptz,
            held         varchar[] not null
        );

        -- Each drop's publish decision.
        create table if not exists audit.drop_publications (
            drop_id      text not null,
            published    boolean not null,
            checks_passed integer not null,
            checks_warned integer not null,
            checks_failed integer not null,
            blockers     text not null,
            duration_ms  bigint not null,
            decided_at   timestamptz not null
        );
        """;

    /// <summary>The staging table of a contract, or the columns it lacks when it exists (<paramref name="existing"/>: its
    /// columns now, null when there is no table yet). Each row says where it came from: file line, key, version, load.</summary>
    public static string StagingTable(TableContract contract, IReadOnlySet<string>? existing)
    {
        var sql = new StringBuilder();
        var table = $"staging.{contract.Table}";
        if (existing is null)
        {
            sql.Append("create table ").Append(table).Append(" (\n");
            foreach (var column in contract.Columns)
                sql.Append("    ").Append(column.Name.ToLowerInvariant()).Append(' ').Append(column.Type.ToSql()).Append(",\n");
            sql.Append("""
                    _source_line    bigint not null,
                    _source_key     text not null,
                    _source_version text not null,
                    _load_id        uuid not null,
                    _loaded_at      timestamptz not null default now()
                );
                """).Append('\n');
        }

        foreach (var column in contract.Columns)
        {
            var name = column.Name.ToLowerInvariant();
            if (existing is not null && existing.Contains(name)) continue;
            if (existing is not null)
                sql.Append("alter table ").Append(table).Append(" add column ").Append(name).Append(' ').Append(column.Type.ToSql()).Append(";\n");
            sql.Append(Comment(contract.Table, name, column.Type));
        }

        return sql.ToString();
    }

    /// <summary>A widening <see cref="StagingSchemaPlan"/> allowed: DuckDB casts the values already loaded, in the schema's
    /// transaction (exact for each widening it allows); the comment then records the new contract type.</summary>
    public static string Widen(ColumnTypeChange change) =>
        $"alter table staging.{change.Table} alter column {change.Column.ToLowerInvariant()} type {change.Wanted.ToSql()};\n"
        + Comment(change.Table, change.Column.ToLowerInvariant(), change.Wanted);

    /// <summary>Text columns keep their contract type in their comment: DuckDB's VARCHAR has no length.</summary>
    private static string Comment(string table, string column, ColumnType type) =>
        type.Kind is ColumnKind.Text or ColumnKind.Varchar ? $"comment on column staging.{table}.{column} is '{type.ToSql()}';\n" : "";

    /// <summary>A column of duckdb_columns() as a contract type; null for a type no contract declares.</summary>
    public static ColumnType? ContractType(string dataType, int? precision, int? scale, string? comment) => dataType switch
    {
        "VARCHAR" when comment is { Length: > 0 } && ColumnType.TryParse(comment, out var declared) => declared,
        "VARCHAR" => new ColumnType(ColumnKind.Text),
        "INTEGER" => new ColumnType(ColumnKind.Integer),
        "BIGINT" => new ColumnType(ColumnKind.BigInt),
        _ when dataType.StartsWith("DECIMAL", StringComparison.Ordinal) && precision is { } p && scale is { } s =>
            new ColumnType(ColumnKind.Decimal, Precision: p, Scale: s),
        "BOOLEAN" => new ColumnType(ColumnKind.Boolean),
        "DATE" => new ColumnType(ColumnKind.Date),
        "TIMESTAMP" => new ColumnType(ColumnKind.Timestamp),
        "DOUBLE" => new ColumnType(ColumnKind.Double),
        _ => null,
    };
}
