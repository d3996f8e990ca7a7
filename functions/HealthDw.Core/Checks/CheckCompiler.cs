using System.Globalization;
using HealthDw.Core.Sql;

namespace HealthDw.Core.Checks;

/// <summary>
/// Compiles the checks of one table into one SELECT: aggregates for counts, percents and
/// min/max/avg/sum, scalar subqueries for duplicates, references and same-as counts. One query per
/// table, whatever the number of checks. Schema checks read the columns instead.
/// </summary>
public static class CheckCompiler
{
    public sealed record CompiledTable(string Relation, string Sql, IReadOnlyList<(CheckDefinition Check, int Column)> Metrics,
        IReadOnlyList<CheckDefinition> SchemaChecks);

    /// <param name="relationOf">Turns a checks-file table name into the relation to query (build schema or staging).</param>
    public static CompiledTable Compile(string table, IReadOnlyList<CheckDefinition> checks, Func<string, string> relationOf, ISqlDialect dialect)
    {
        var relation = relationOf(table);
        var columns = new List<string>();
        var metrics = new List<(CheckDefinition, int)>();
        foreach (var check in checks.Where(c => c.Metric != MetricKind.Schema))
        {
            metrics.Add((check, columns.Count));
            columns.Add(Expression(check, relation, relationOf, dialect));
        }

        // A trailing count(*) makes the query an aggregate, so it answers exactly one row even when every metric is a
        // scalar subquery (a table with reference checks only): without it such a query answers one row per row of the
        // table, and none for an empty table.
        var sql = columns.Count == 0 ? "" : $"select\n  {string.Join(",\n  ", columns)},\n  count(*) as row_total\nfrom {relation}";
        return new CompiledTable(relation, sql, metrics, checks.Where(c => c.Metric == MetricKind.Schema).ToList());
    }

    /// <summary>
    /// The rows that break a row-level check (missing, invalid, duplicate, reference), as their
    /// <paramref name="key"/> columns only; null for aggregate checks (row_count, min, freshness...).
    /// </summary>
    public static string? FailingRowsQuery(CheckDefinition check, string relation, Func<string, string> relationOf, ISqlDialect dialect,
        IReadOnlyList<string> key, int limit)
    {
        var col = check.Columns.FirstOrDefault() ?? "";
        var missing = Missing(col, check.Validity);
        var where = check.Metric switch
        {
            MetricKind.MissingCount or MetricKind.MissingPercent => missing,
            MetricKind.InvalidCount or MetricKind.InvalidPercent => $"not ({missing}) and not ({Valid(col, check.Validity, dialect)})",
            MetricKind.DuplicateCount or MetricKind.DuplicatePercent =>
                $"({string.Join(", ", check.Columns)}) in (select {string.Join(", ", check.Columns)} from {relation} where "
                + $"{string.Join(" and ", check.Columns.Select(c => $"{c} is not null"))} group by {string.Join(", ", check.Columns)} having count(*) > 1)",
            MetricKind.Reference =>
                $"{string.Join(" and ", check.Columns.Select(c => $"s.{c} is not null"))} and not exists (select 1 from {relationOf(check.Other!)} as o where "
                + $"{string.Join(" and ", check.Columns.Zip(check.OtherColumns).Select(p => $"o.{p.Second} = s.{p.First}"))})",
            _ => null,
        };
        if (where is null || key.Count == 0) return null;
        var select = string.Join(", ", key.Select(k => $"s.{k}"));
        return $"select {select} from {relation} as s where {where} order by {select} limit {limit}";
    }

    private static string Expression(CheckDefinition check, string relation, Func<string, string> relationOf, ISqlDialect dialect)
    {
        var col = check.Columns.FirstOrDefault() ?? "";
        var missing = Missing(col, check.Validity);
        return check.Metric switch
        {
            MetricKind.RowCount => "count(*)",
            MetricKind.MissingCount => $"sum(case when {missing} then 1 else 0 end)",
            MetricKind.MissingPercent => $"coalesce(100.0 * sum(case when {missing} then 1 else 0 end) / nullif(count(*), 0), 0)",
            MetricKind.InvalidCount => $"sum(case when not ({missing}) and not ({Valid(col, check.Validity, dialect)}) then 1 else 0 end)",
            MetricKind.InvalidPercent =>
                $"coalesce(100.0 * sum(case when not ({missing}) and not ({Valid(col, check.Validity, dialect)}) then 1 else 0 end) / nullif(count(*), 0), 0)",
            MetricKind.DuplicateCount => Duplicates(check.Columns, relation),
            MetricKind.DuplicatePercent => $"coalesce(100.0 * {Duplicates(check.Columns, relation)} / nullif(count(*), 0), 0)",
            MetricKind.Min => $"min({col})",
            MetricKind.Max => $"max({col})",
            MetricKind.Avg => $"avg({col})",
            MetricKind.Sum => $"sum({col})",
            MetricKind.Freshness => $"max({col})",
            MetricKind.RowCountSameAs => $"count(*) - (select count(*) from {relationOf(check.Other!)})",
            MetricKind.Reference => Orphans(check, relation, relationOf(check.Other!)),
            _ => throw new InvalidOperationException($"{check.Metric} is not an aggregate"),
        };
    }

    /// <summary>SodaCL's duplicate_count: how many distinct non-null values (or combinations) occur more than once.</summary>
    private static string Duplicates(IReadOnlyList<string> columns, string relation)
    {
        var list = string.Join(", ", columns);
        var notNull = string.Join(" and ", columns.Select(c => $"{c} is not null"));
        return $"(select count(*) from (select {list} from {relation} where {notNull} group by {list} having count(*) > 1) as duplicated)";
    }

    private static string Orphans(CheckDefinition check, string relation, string other)
    {
        var notNull = string.Join(" and ", check.Columns.Select(c => $"s.{c} is not null"));
        var match = string.Join(" and ", check.Columns.Zip(check.OtherColumns).Select(p => $"o.{p.Second} = s.{p.First}"));
        return $"(select count(*) from {relation} as s where {notNull} and not exists (select 1 from {other} as o where {match}))";
    }

    private static string Missing(string col, Validity validity)
    {
        if (col.Length == 0) return "false";
        var values = validity.MissingValues.Count == 0 ? "" : $" or cast({col} as varchar) in ({Literals(validity.MissingValues)})";
        return $"{col} is null{values}";
    }

    private static string Valid(string col, Validity v, ISqlDialect dialect)
    {
        var rules = new List<string>();
        if (v.Min is { } min) rules.Add($"{col} >= {Number(min)}");
        if (v.Max is { } max) rules.Add($"{col} <= {Number(max)}");
        if (v.Values.Count > 0) rules.Add($"cast({col} as varchar) in ({Literals(v.Values)})");
        if (v.Regex is { } regex) rules.Add(dialect.RegexMatches($"cast({col} as varchar)", regex));
        if (v.Length is { } length) rules.Add($"length(cast({col} as varchar)) = {length}");
        if (v.MinLength is { } minLength) rules.Add($"length(cast({col} as varchar)) >= {minLength}");
        if (v.MaxLength is { } maxLength) rules.Add($"length(cast({col} as varchar)) <= {maxLength}");
        return string.Join(" and ", rules);
    }

    private static string Literals(IEnumerable<string> values) =>
        string.Join(", ", values.Select(v => $"'{v.Replace("'", "''", StringComparison.Ordinal)}'"));

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
