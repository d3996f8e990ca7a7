using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Schema;

namespace HealthDw.Warehouse.DuckDb;

/// <summary>
/// The DDL of the embedded warehouse: the audit tables of <see cref="AuditSchema"/> in DuckDB's spelling, and staging.
/// Differences from PostgreSQL: the rejection id comes from a sequence (DuckDB has no identity columns); arrays are lists
/// (<c>varchar[]</c>); no secondary indexes (DuckDB's zone maps serve the drop and load filters); and since DuckDB keeps no
/// length for a VARCHAR, each text column carries its contract type in its comment, so a contract's varchar length change
/// is still seen (<see cref="ContractType"/>).
/// </summary>
internal static class DuckDbSchema
{
    public static readonly string Base = AuditSchema.Ddl(textList: "varchar[]", emptyTextList: "[]",
        rejectionId: "bigint not null default nextval('audit.file_rejections_id')",
        beforeTables: "create sequence if not exists audit.file_rejections_id;");

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
