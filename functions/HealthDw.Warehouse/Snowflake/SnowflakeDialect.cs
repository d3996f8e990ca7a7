using System.Globalization;
using HealthDw.Core.Sql;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// The Snowflake side of the dialect macros and the write-audit-publish statements, written to give the same results
/// as <see cref="Postgres.PostgresDialect"/>:
/// <list type="bullet">
/// <item><c>REGEXP_LIKE</c> anchors its pattern at both ends, where PostgreSQL's <c>~</c> searches: the pattern is
/// wrapped in <c>.*( … ).*</c> with the <c>s</c> parameter (so <c>.</c> also crosses line breaks).</item>
/// <item>Unquoted identifiers are stored upper-case: the INFORMATION_SCHEMA queries compare upper-cased names and return
/// names lower-case, with the data types spelled as PostgreSQL's information_schema spells them (so schema checks such
/// as <c>uidpk: bigint</c> read the same on both warehouses; see <see cref="SnowflakeSchema"/> for the column types).</item>
/// <item>The publish swap is <c>ALTER SCHEMA … SWAP WITH</c>, one metadata operation, then the old schema is dropped.
/// DDL commits on its own in Snowflake, so the swap is atomic by itself, not by the surrounding transaction.</item>
/// </list>
/// </summary>
public sealed class SnowflakeDialect : ISqlDialect
{
    public string Name => "snowflake";

    public string DaysBetween(string from, string to) => $"datediff(day, ({from})::date, ({to})::date)";

    public string AddDays(string date, string days) => $"dateadd(day, ({days})::integer, ({date})::date)";

    /// <summary>GENERATOR needs a constant row count, so the bounds are read here; SEQ4 may skip values, ROW_NUMBER does not.</summary>
    public string DateSpine(string firstDay, string lastDay)
    {
        var first = ParseDay(firstDay, nameof(firstDay));
        var last = ParseDay(lastDay, nameof(lastDay));
        if (last < first)
            throw new ArgumentException($"date_spine: the last day {lastDay} comes before the first day {firstDay}", nameof(lastDay));
        var days = last.DayNumber - first.DayNumber + 1;
        return string.Create(CultureInfo.InvariantCulture,
            $"(select dateadd(day, row_number() over (order by seq4()) - 1, '{first:yyyy-MM-dd}'::date) as date_day from table(generator(rowcount => {days})))");
    }

    public string DayOfWeekIso(string date) => $"dayofweekiso({date})";

    public string MonthName(string date) => $"monthname({date})";

    public string RegexMatches(string expression, string pattern) =>
        $"regexp_like(({expression})::varchar, {SnowflakeSql.Literal(".*(" + pattern + ").*")}, 's')";

    public string TimestampLiteral(DateTimeOffset value) =>
        string.Create(CultureInfo.InvariantCulture,
            $"to_timestamp_ntz('{value.UtcDateTime:yyyy-MM-dd HH:mm:ss}', 'YYYY-MM-DD HH24:MI:SS')");

    public string UseSchema(string schema) => $"use schema {schema}";

    public string CloneTable(string from, string to) => $"create table {to} clone {from}";

    public IReadOnlyList<string> SwapSchemas(string live, string build) =>
    [
        $"alter schema {live} swap with {build}",
        $"drop schema if exists {build} cascade",
    ];

    public string ColumnsQuery(string schema, string table) => $"""
        select lower(column_name) as column_name,
               case
                   when data_type = 'NUMBER' and numeric_scale = 0 and numeric_precision <= 10 then 'integer'
                   when data_type = 'NUMBER' and numeric_scale = 0 then 'bigint'
                   when data_type = 'NUMBER' then 'numeric'
                   when data_type = 'TEXT' and character_maximum_length < 16777216 then 'character varying'
                   when data_type = 'TEXT' then 'text'
                   when data_type = 'FLOAT' then 'double precision'
                   when data_type = 'TIMESTAMP_NTZ' then 'timestamp without time zone'
                   when data_type in ('TIMESTAMP_LTZ', 'TIMESTAMP_TZ') then 'timestamp with time zone'
                   else lower(data_type)
               end as data_type
        from information_schema.columns
        where table_schema = {Upper(schema)} and table_name = {Upper(table)}
        order by ordinal_position
        """;

    public string RelationExistsQuery(string schema, string name) =>
        $"select 1 from information_schema.tables where table_schema = {Upper(schema)} and table_name = {Upper(name)}";

    /// <summary>
    /// None: Snowflake records each micro-partition's value ranges and distinct counts as it writes it (Snowflake
    /// documentation, "Micro-partitions &amp; Data Clustering"), and has no ANALYZE statement.
    /// </summary>
    public IReadOnlyList<string> RefreshStatistics(IReadOnlyList<string> tables) => [];

    private static string Upper(string name) => SnowflakeSql.Literal(name.ToUpperInvariant());

    private static DateOnly ParseDay(string text, string argument) =>
        DateOnly.TryParseExact(text.Trim().Trim('\''), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ArgumentException($"date_spine takes days written yyyy-MM-dd, not '{text}'", argument);
}
