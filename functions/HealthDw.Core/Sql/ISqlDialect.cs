namespace HealthDw.Core.Sql;

/// <summary>
/// Where PostgreSQL and Snowflake differ, in one named place: the macros models may call and the
/// statements the model runner and check compiler emit. Everything else is SQL both accept.
/// </summary>
public interface ISqlDialect
{
    string Name { get; }

    /// <summary>Whole days from <paramref name="from"/> to <paramref name="to"/> (two SQL expressions).</summary>
    string DaysBetween(string from, string to);

    /// <summary>The expression <paramref name="date"/> plus <paramref name="days"/> days.</summary>
    string AddDays(string date, string days);

    /// <summary>A subquery (without alias) with one column <c>date_day</c>, one row per day, both ends included.</summary>
    string DateSpine(string firstDay, string lastDay);

    /// <summary>ISO day of week, 1 = Monday.</summary>
    string DayOfWeekIso(string date);

    /// <summary>Three-letter English month name.</summary>
    string MonthName(string date);

    /// <summary>A boolean expression: <paramref name="expression"/> matches the regular expression literal.</summary>
    string RegexMatches(string expression, string pattern);

    /// <summary>Timestamp literal.</summary>
    string TimestampLiteral(DateTimeOffset value);

    /// <summary>Makes unqualified names resolve in <paramref name="schema"/> for the rest of the transaction.</summary>
    string UseSchema(string schema);

    /// <summary>Copies a table's rows and structure (Snowflake: zero-copy clone).</summary>
    string CloneTable(string from, string to);

    /// <summary>Statements that replace schema <paramref name="live"/> by <paramref name="build"/> at once, dropping the old one.</summary>
    IReadOnlyList<string> SwapSchemas(string live, string build);

    /// <summary>The same swap, told which relations the build holds (in build order: a view after what it reads). A
    /// warehouse that can neither rename nor swap a schema (DuckDB) replaces the live relations one by one in the one
    /// transaction; the others swap the schemas whole.</summary>
    IReadOnlyList<string> SwapSchemas(string live, string build, IReadOnlyList<BuiltRelation> relations) => SwapSchemas(live, build);

    /// <summary>Query returning (column_name, data_type) of a table, lower-case names.</summary>
    string ColumnsQuery(string schema, string table);

    /// <summary>Query returning one row if the table or view exists.</summary>
    string RelationExistsQuery(string schema, string name);

    /// <summary>
    /// Statements that refresh the planner's statistics of these tables (schema-qualified), so what runs next is planned
    /// on the rows just loaded or built rather than on none; no statement where the warehouse keeps its statistics itself.
    /// </summary>
    IReadOnlyList<string> RefreshStatistics(IReadOnlyList<string> tables);
}
