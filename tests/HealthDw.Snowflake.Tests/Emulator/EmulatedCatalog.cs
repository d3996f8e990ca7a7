using Npgsql;

namespace HealthDw.Snowflake.Tests.Emulator;

/// <summary>
/// Snowflake's INFORMATION_SCHEMA over PostgreSQL's: names upper case (Snowflake stores unquoted identifiers so), data
/// types by Snowflake's names (NUMBER with its precision and scale, TEXT with its length, FLOAT, TIMESTAMP_NTZ/LTZ,
/// ARRAY), and TABLES with IS_TRANSIENT and CREATED (kept for the tables created TRANSIENT; other tables read NO and
/// null). Queries on <c>information_schema.</c> are sent here.
/// </summary>
internal static class EmulatedCatalog
{
    public const string Schema = "sf_information_schema";

    public static void Ensure(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand($"""
            create schema if not exists {Schema};
            create or replace view {Schema}.columns as
            select upper(table_schema) as table_schema, upper(table_name) as table_name, upper(column_name) as column_name,
                   ordinal_position,
                   case
                       when data_type in ('smallint', 'integer', 'bigint', 'numeric') then 'NUMBER'
                       when data_type in ('text', 'character varying', 'character') then 'TEXT'
                       when data_type in ('double precision', 'real') then 'FLOAT'
                       when data_type = 'timestamp without time zone' then 'TIMESTAMP_NTZ'
                       when data_type = 'timestamp with time zone' then 'TIMESTAMP_LTZ'
                       when data_type = 'jsonb' then 'ARRAY'
                       else upper(data_type)
                   end as data_type,
                   case data_type when 'smallint' then 5 when 'integer' then 10 when 'bigint' then 19
                                  when 'numeric' then coalesce(numeric_precision, 38) end as numeric_precision,
                   case when data_type in ('smallint', 'integer', 'bigint') then 0
                        when data_type = 'numeric' then coalesce(numeric_scale, 6) end as numeric_scale,
                   case when data_type in ('text', 'character varying', 'character') then coalesce(character_maximum_length, 16777216) end
                       as character_maximum_length
            from information_schema.columns;
            create table if not exists {Schema}.transient_tables (
                table_schema text not null, table_name text not null, created timestamptz not null, primary key (table_schema, table_name));
            create or replace view {Schema}.tables as
            select upper(t.table_schema) as table_schema, upper(t.table_name) as table_name, t.table_type,
                   case when r.created is null then 'NO' else 'YES' end as is_transient, r.created
            from information_schema.tables t
            left join {Schema}.transient_tables r on r.table_schema = t.table_schema and r.table_name = t.table_name;
            create or replace view {Schema}.schemata as
            select upper(schema_name) as schema_name from information_schema.schemata;
            """, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Notes a table created TRANSIENT, and when (PostgreSQL has neither).</summary>
    public static void RecordTransient(NpgsqlConnection connection, string qualifiedName, DateTimeOffset created)
    {
        var parts = qualifiedName.ToLowerInvariant().Split('.');
        using var command = new NpgsqlCommand(
            $"insert into {Schema}.transient_tables values ($1, $2, $3) on conflict (table_schema, table_name) do nothing", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = parts.Length > 1 ? parts[^2] : "public" });
        command.Parameters.Add(new NpgsqlParameter { Value = parts[^1] });
        command.Parameters.Add(new NpgsqlParameter { Value = created.ToUniversalTime() });
        command.ExecuteNonQuery();
    }
}
