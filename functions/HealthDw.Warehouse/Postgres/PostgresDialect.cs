using System.Globalization;
using HealthDw.Core.Sql;

namespace HealthDw.Warehouse.Postgres;

/// <summary>The PostgreSQL side of the dialect macros and the write-audit-publish statements.</summary>
public sealed class PostgresDialect : ISqlDialect
{
    public string Name => "postgres";

    public string DaysBetween(string from, string to) => $"(({to})::date - ({from})::date)";

    public string AddDays(string date, string days) => $"(({date})::date + ({days})::integer)";

    public string DateSpine(string firstDay, string lastDay) =>
        $"(select d::date as date_day from generate_series(date '{firstDay}', date '{lastDay}', interval '1 day') as d)";

    public string DayOfWeekIso(string date) => $"extract(isodow from {date})::integer";

    public string MonthName(string date) => $"to_char({date}, 'Mon')";

    public string RegexMatches(string expression, string pattern) => $"({expression})::text ~ '{pattern.Replace("'", "''", StringComparison.Ordinal)}'";

    public string TimestampLiteral(DateTimeOffset value) =>
        string.Create(CultureInfo.InvariantCulture, $"timestamp '{value.UtcDateTime:yyyy-MM-dd HH:mm:ss}'");

    public string UseSchema(string schema) => $"set local search_path to {schema}, public";

    public string CloneTable(string from, string to) => $"create table {to} as table {from}";

    public IReadOnlyList<string> SwapSchemas(string live, string build) =>
    [
        $"drop schema if exists {live}_previous cascade",
        $"alter schema {live} rename to {live}_previous",
        $"alter schema {build} rename to {live}",
        $"drop schema {live}_previous cascade",
    ];

    public string ColumnsQuery(string schema, string table) =>
        $"select column_name, data_type from information_schema.columns where table_schema = '{schema}' and table_name = '{table}' order by ordinal_position";

    public string RelationExistsQuery(string schema, string name) =>
        $"select 1 from information_schema.tables where table_schema = '{schema}' and table_name = '{name}'";

    /// <summary>
    /// Autovacuum analyses a table only after its naptime and change threshold, so right after a bulk load (or a
    /// <c>create table as</c>) the planner has no statistics and guesses: it picked nested loops over the models' window
    /// subqueries and took minutes. ANALYZE reads a fixed sample (300 × the statistics target rows), so this costs about
    /// the same at any size, and it may run inside the build's transaction.
    /// </summary>
    public IReadOnlyList<string> RefreshStatistics(IReadOnlyList<string> tables) =>
        tables.Count == 0 ? [] : [$"analyze {string.Join(", ", tables)}"];
}
