using System.Globalization;
using HealthDw.Core.Configuration;
using HealthDw.Core.Validation;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// The checks a COPY cannot make, as one query on the per-load table: empty cells in non-null columns, repeated primary
/// keys, and values missing from referenced staging tables. It returns (rule, column, total, line) with at most
/// <see cref="ProblemLog.Limit"/> lines per rule and column, and never a value. The problems read as the local loader's.
/// </summary>
internal static class SnowflakeRowChecks
{
    /// <returns>The query, or null when the contract has nothing to check.</returns>
    public static string? Query(TableContract contract, string loadTable, IReadOnlyList<ColumnSpec> checkedReferences)
    {
        var parts = new List<string>();
        foreach (var column in contract.Columns.Where(c => !c.Nullable))
        {
            parts.Add($"select 'not_null' as rule, {SnowflakeSql.Literal(column.Name)} as column_name, _source_line " +
                      $"from {loadTable} where {SnowflakeSchema.Column(column)} is null");
        }

        if (contract.PrimaryKey.Count > 0)
        {
            var partition = string.Join(", ", contract.PrimaryKey.Select(k => SnowflakeSchema.Column(contract.Find(k)!)));
            parts.Add($"select 'duplicate_key', {SnowflakeSql.Literal(Key(contract))}, _source_line " +
                      $"from (select _source_line, count(*) over (partition by {partition}) as n from {loadTable}) where n > 1");
        }

        foreach (var column in checkedReferences)
        {
            var reference = column.References!;
            var target = SnowflakeSql.RequireIdentifier(reference.Column, "column").ToLowerInvariant();
            var source = SnowflakeSchema.Column(column);
            parts.Add($"select 'reference', {SnowflakeSql.Literal(column.Name)}, s._source_line from {loadTable} s " +
                      $"where s.{source} is not null and not exists (select 1 from staging.{SnowflakeSql.RequireIdentifier(reference.Table, "table")} r " +
                      $"where r.{target} = s.{source})");
        }

        if (parts.Count == 0)
            return null;
        return "with v as (\n    " + string.Join("\n    union all\n    ", parts) + "\n)\n" + string.Create(CultureInfo.InvariantCulture, $"""
            select rule, column_name, count(*) over (partition by rule, column_name) as total, _source_line
            from v
            qualify row_number() over (partition by rule, column_name order by _source_line) <= {ProblemLog.Limit}
            order by rule, column_name, _source_line
            """);
    }

    /// <summary>Adds the query's rows to <paramref name="problems"/>. As the local loader does, empty non-null cells (a
    /// row-level problem) reject the file on their own: key problems are reported only when there are none.</summary>
    /// <param name="fieldOf">The 1-based file field of a contract column.</param>
    public static void AddProblems(
        IReadOnlyList<object?[]> rows, TableContract contract, Func<ColumnSpec, int> fieldOf, ProblemLog problems)
    {
        var found = rows
            .Select(r => (Rule: (string)r[0]!, Column: (string)r[1]!, Total: Convert.ToInt64(r[2], CultureInfo.InvariantCulture),
                Line: Convert.ToInt64(r[3], CultureInfo.InvariantCulture)))
            .ToList();
        var notNull = found.Where(f => f.Rule == Rules.NotNull).ToList();
        var key = Key(contract);
        foreach (var group in (notNull.Count > 0 ? notNull : found).GroupBy(f => (f.Rule, f.Column)).OrderBy(g => Order(g.Key.Rule, g.Key.Column, contract)))
        {
            var (rule, column) = group.Key;
            var spec = contract.Find(column);
            int? position = spec is null ? null : fieldOf(spec);
            var listed = group.Select(f => rule switch
            {
                Rules.NotNull => new FileProblem(rule, f.Line, position, column,
                    "the cell is empty, but the column may not be null", $"expected {spec?.Type.Expectation}"),
                Rules.DuplicateKey => new FileProblem(rule, f.Line, contract.Find(contract.PrimaryKey[0]) is { } first ? fieldOf(first) : null, key,
                    "another row of the file has the same primary key", $"each row must have a distinct {key}"),
                _ => new FileProblem(Rules.Reference, f.Line, position, column,
                    $"the value does not exist in {spec?.References}",
                    $"every {column} must match a {spec?.References?.Column} loaded into {spec?.References?.Table}"),
            });
            problems.Add(listed, group.First().Total);
        }
    }

    private static string Key(TableContract contract) => string.Join(", ", contract.PrimaryKey);

    private static (int, int) Order(string rule, string column, TableContract contract)
    {
        var ruleOrder = rule switch { Rules.NotNull => 0, Rules.DuplicateKey => 1, _ => 2 };
        var columnOrder = contract.Columns.ToList().FindIndex(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase));
        return (ruleOrder, columnOrder);
    }
}
