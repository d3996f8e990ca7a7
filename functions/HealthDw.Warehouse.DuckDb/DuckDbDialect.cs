using System.Globalization;
using HealthDw.Core.Sql;

namespace HealthDw.Warehouse.DuckDb;

/// <summary>
/// The DuckDB side of the dialect macros and the write-audit-publish statements, written to give the same results as the
/// PostgreSQL dialect:
/// <list type="bullet">
/// <item>DuckDB's <c>regexp_matches</c> searches, as PostgreSQL's <c>~</c> does; the <c>s</c> option lets <c>.</c> cross
/// line breaks, as it does in PostgreSQL.</item>
/// <item>information_schema spells types DuckDB's way (VARCHAR, DECIMAL(10,2), DOUBLE): the columns query answers them as
/// PostgreSQL's information_schema does, a staging text column by the contract type its comment records.</item>
/// <item>DuckDB can neither rename nor swap a schema ("Altering schemas is not yet supported"), so the publish swap replaces the
/// live schema's relations in one transaction: the live schema is dropped and made again, each built table copied in, each
/// view made again from its query (DuckDB binds a view's unqualified names in the view's own schema), and the build dropped.
/// DuckDB's DDL is transactional: a reader sees all of the old analytics until the commit, then all of the new.</item>
/// </list>
/// </summary>
public sealed class DuckDbDialect : ISqlDialect
{
    public string Name => "duckdb";

    public string DaysBetween(string from, string to) => $"(({to})::date - ({from})::date)";

    public string AddDays(string date, string days) => $"(({date})::date + ({days})::integer)";

    public string DateSpine(string firstDay, string lastDay) =>
        $"(select d::date as date_day from generate_series(date '{firstDay}', date '{lastDay}', interval '1 day') as spine(d))";

    public string DayOfWeekIso(string date) => $"isodow({date})::integer";

    public string MonthName(string date) => $"strftime({date}, '%b')";

    public string RegexMatches(string expression, string pattern) =>
        $"regexp_matches(({expression})::varchar, '{pattern.Replace("'", "''", StringComparison.Ordinal)}', 's')";

    public string TimestampLiteral(DateTimeOffset value) =>
        string.Create(CultureInfo.InvariantCulture, $"timestamp '{value.UtcDateTime:yyyy-MM-dd HH:mm:ss}'");

    public string UseSchema(string schema) => $"set search_path = '{schema}'";

    public string CloneTable(string from, string to) => $"create table {to} as select * from {from}";

    /// <summary>Without the build's relations DuckDB cannot swap: see the three-argument overload.</summary>
    public IReadOnlyList<string> SwapSchemas(string live, string build) =>
        throw new NotSupportedException("DuckDB cannot rename a schema: the swap needs the build's relations");

    public IReadOnlyList<string> SwapSchemas(string live, string build, IReadOnlyList<BuiltRelation> relations)
    {
        if (relations.Count == 0)
            throw new InvalidOperationException($"{build} holds no relation that was built: publishing it would empty {live}");
        return
        [
            $"drop schema if exists {live} cascade",
            $"create schema {live}",
            .. relations.Where(r => !r.IsView).Select(r => $"create table {live}.{r.Name} as select * from {build}.{r.Name}"),
            .. relations.Where(r => r.IsView).Select(r => $"create view {live}.{r.Name} as\n{r.Body}"),
            $"drop schema {build} cascade",
        ];
    }

    /// <summary>DuckDB keeps its statistics (zone maps, distinct-count sketches) as it writes: nothing to refresh.</summary>
    public IReadOnlyList<string> RefreshStatistics(IReadOnlyList<string> tables) => [];

    public string ColumnsQuery(string schema, string table) => $"""
        select column_name,
               case
                   when data_type = 'VARCHAR' and comment = 'text' then 'text'
                   when data_type = 'VARCHAR' then 'character varying'
                   when data_type like 'DECIMAL%' or data_type = 'HUGEINT' then 'numeric'
                   when data_type = 'DOUBLE' then 'double precision'
                   when data_type = 'FLOAT' then 'real'
                   when data_type = 'TIMESTAMP' then 'timestamp without time zone'
                   when data_type = 'TIMESTAMP WITH TIME ZONE' then 'timestamp with time zone'
                   else lower(data_type)
               end as data_type
        from duckdb_columns()
        where database_name = current_database() and schema_name = '{schema}' and table_name = '{table}'
        order by column_index
        """;

    public string RelationExistsQuery(string schema, string name) =>
        $"select 1 from information_schema.tables where table_catalog = current_database() and table_schema = '{schema}' and table_name = '{name}'";
}
