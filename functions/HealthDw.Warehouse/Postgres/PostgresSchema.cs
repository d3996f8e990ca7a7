using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Schema;

namespace HealthDw.Warehouse.Postgres;

/// <summary>The DDL of the local warehouse: schemas, the ledger and one staging table per contract.</summary>
internal static class PostgresSchema
{
    public static readonly string Base = AuditSchema.Ddl(textList: "text[]", emptyTextList: "'{}'",
        rejectionId: "bigint generated always as identity primary key",
        afterTables: """
            create index if not exists load_ledger_drop on audit.load_ledger (drop_id, table_name);
            create index if not exists check_results_drop on audit.check_results (drop_id, checked_at);
            -- Databases made before the failed-row samples.
            alter table audit.check_results add column if not exists failed_rows text[] not null default '{}';
            """);

    /// <summary>Staging columns that say where each row came from. The bulk copy sends the line and
    /// the load id with each row; key and version come from defaults on transaction settings.</summary>
    public static string StagingTable(TableContract contract)
    {
        var sql = new StringBuilder();
        sql.Append("create table if not exists staging.").Append(contract.Table).Append(" (\n");
        foreach (var column in contract.Columns)
            sql.Append("    ").Append(column.Name.ToLowerInvariant()).Append(' ').Append(column.Type.ToSql()).Append(",\n");
        sql.Append("""
                _source_line    bigint not null,
                _source_key     text not null default current_setting('healthdw.source_key'),
                _source_version text not null default current_setting('healthdw.source_version'),
                _load_id        uuid not null,
                _loaded_at      timestamptz not null default now()
            );
            """);
        sql.Append('\n');
        // Loads append in load-id order (UUIDv7), so a block-range index finds one load's rows cheaply.
        sql.Append("create index if not exists ").Append(contract.Table).Append("_load on staging.")
            .Append(contract.Table).Append(" using brin (_load_id);\n");
        foreach (var column in contract.Columns)
        {
            sql.Append("alter table staging.").Append(contract.Table).Append(" add column if not exists ")
                .Append(column.Name.ToLowerInvariant()).Append(' ').Append(column.Type.ToSql()).Append(";\n");
        }

        return sql.ToString();
    }

    /// <summary>A widening <see cref="StagingSchemaPlan"/> allowed. PostgreSQL converts the values already loaded with the
    /// assignment cast (exact for each widening it allows), in the schema's transaction.</summary>
    public static string Widen(ColumnTypeChange change) =>
        $"alter table staging.{change.Table} alter column {change.Column.ToLowerInvariant()} type {change.Wanted.ToSql()}";

    /// <summary>A column of information_schema.columns as a contract type; null for a type no contract declares.</summary>
    public static ColumnType? ContractType(string dataType, int? length, int? precision, int? scale) => dataType switch
    {
        "text" => new ColumnType(ColumnKind.Text),
        "character varying" => length is { } n ? new ColumnType(ColumnKind.Varchar, Length: n) : new ColumnType(ColumnKind.Text),
        "integer" => new ColumnType(ColumnKind.Integer),
        "bigint" => new ColumnType(ColumnKind.BigInt),
        "numeric" when precision is { } p && scale is { } s => new ColumnType(ColumnKind.Decimal, Precision: p, Scale: s),
        "boolean" => new ColumnType(ColumnKind.Boolean),
        "date" => new ColumnType(ColumnKind.Date),
        "timestamp without time zone" => new ColumnType(ColumnKind.Timestamp),
        "double precision" => new ColumnType(ColumnKind.Double),
        _ => null,
    };
}
