using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HealthDw.Core.Configuration;
using HealthDw.Core.Ports;
using HealthDw.Core.Sql;

namespace HealthDw.Core.Profiling;

/// <summary>
/// Profiles a relation in the warehouse with one aggregate query (every column's counts and lengths in one scan), and,
/// when values are asked for, one more for the top values of the columns that may show them. The SQL is the part that
/// PostgreSQL, DuckDB and Snowflake all accept (<c>count(distinct …)</c>, <c>length(cast(… as varchar))</c>, a window
/// over a union); the column list comes from the dialect's <see cref="ISqlDialect.ColumnsQuery"/>. Distinct counts are
/// exact. A hidden column's min, max and values are never selected, so they never leave the warehouse.
/// </summary>
public sealed partial class TableProfiler(ISqlRunner sql, ISqlDialect dialect)
{
    public const string DistinctMethod = "exact (count distinct in the warehouse)";

    /// <summary>The relation's columns as the warehouse lists them, lower case with their SQL type; empty when it does not exist.</summary>
    public async Task<IReadOnlyList<(string Name, string Type)>> ColumnsAsync(string schema, string relation, CancellationToken ct) =>
        (await sql.QueryAsync(dialect.ColumnsQuery(schema, relation), ct)).Select(r => ((string)r[0]!, (string)r[1]!)).ToList();

    /// <param name="contract">The staging table's contract: its columns are profiled (not the load's lineage columns) and
    /// its <c>phi: true</c> columns hidden. Null for a model or any other relation: then no column shows values.</param>
    public async Task<DataProfile> ProfileAsync(string schema, string relation, TableContract? contract, bool showValues, CancellationToken ct)
    {
        if (!Identifier().IsMatch(schema) || !Identifier().IsMatch(relation))
            throw new ArgumentException($"'{schema}.{relation}' is not a plain lower-case relation name");
        var columns = (await ColumnsAsync(schema, relation, ct))
            .Where(c => Identifier().IsMatch(c.Name) && (contract is null || contract.Find(c.Name) is not null))
            .Select(c => new Column(c.Name, c.Type, Hidden(contract, c.Name), KindOf(c.Type)))
            .ToList();
        var source = $"{schema}.{relation}";
        var stats = (await sql.QueryAsync(StatisticsQuery(source, columns, showValues), ct))[0];
        var top = showValues ? await TopValuesAsync(source, columns, ct) : [];

        var profiles = new List<ColumnProfile>();
        var rows = Count(stats[0]);
        for (var i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            var at = 1 + i * 6;
            var ranged = showValues && c.Hidden is null && c.Kind is ValueKind.Number or ValueKind.Date;
            var spec = contract?.Find(c.Name);
            profiles.Add(new ColumnProfile(spec?.Name ?? c.Name, spec?.Type.ToSql() ?? c.Type, c.Hidden, rows - Count(stats[at]), Count(stats[at + 1]), false,
                stats[at + 2] is null ? null : Count(stats[at + 2]), stats[at + 3] is null ? null : Count(stats[at + 3]),
                ranged ? ProfileValue.Format(stats[at + 4]) : null, ranged ? ProfileValue.Format(stats[at + 5]) : null,
                top.TryGetValue(c.Name, out var values) ? values : []));
        }

        return new DataProfile(source, contract?.Table, rows, profiles, showValues, DistinctMethod);
    }

    private enum ValueKind { Text, Number, Date }

    private sealed record Column(string Name, string Type, string? Hidden, ValueKind Kind);

    private static string? Hidden(TableContract? contract, string column) =>
        contract is null ? DataProfile.HiddenNoContract : contract.Find(column)?.Phi == true ? DataProfile.HiddenPhi : null;

    private static ValueKind KindOf(string type)
    {
        var t = type.ToLowerInvariant();
        if (t.StartsWith("date", StringComparison.Ordinal) || t.StartsWith("timestamp", StringComparison.Ordinal)) return ValueKind.Date;
        return t.Contains("int", StringComparison.Ordinal) || t is "numeric" or "decimal" or "real" or "float" or "number"
               || t.StartsWith("double", StringComparison.Ordinal) || t.StartsWith("numeric", StringComparison.Ordinal)
            ? ValueKind.Number
            : ValueKind.Text;
    }

    /// <summary>One row: the row count, then six figures per column (non-null count, distinct count, min and max length,
    /// min and max). The min and max are selected only for a number or date column that may show values; null otherwise.</summary>
    private static string StatisticsQuery(string source, IReadOnlyList<Column> columns, bool showValues)
    {
        var select = new StringBuilder("select count(*)");
        foreach (var c in columns)
        {
            var ranged = showValues && c.Hidden is null && c.Kind is ValueKind.Number or ValueKind.Date;
            select.Append(CultureInfo.InvariantCulture,
                $",\n  count({c.Name}), count(distinct {c.Name}), min(length(cast({c.Name} as varchar))), max(length(cast({c.Name} as varchar)))");
            select.Append(ranged ? $", min({c.Name}), max({c.Name})" : ", null, null");
        }

        return select.Append("\nfrom ").Append(source).ToString();
    }

    private async Task<Dictionary<string, IReadOnlyList<ValueCount>>> TopValuesAsync(string source, IReadOnlyList<Column> columns, CancellationToken ct)
    {
        var shown = columns.Where(c => c.Hidden is null).ToList();
        if (shown.Count == 0) return [];
        var counted = string.Join("\n  union all\n  ", shown.Select(c =>
            $"select '{c.Name}' as column_name, cast({c.Name} as varchar) as value_text, count(*) as value_rows from {source} where {c.Name} is not null group by cast({c.Name} as varchar)"));
        var query = $"""
            select column_name, value_text, value_rows from (
              select column_name, value_text, value_rows,
                     row_number() over (partition by column_name order by value_rows desc, value_text) as value_rank
              from (
              {counted}
              ) as counted
            ) as ranked
            where value_rank <= {DataProfile.TopValueCount}
            order by column_name, value_rank
            """;
        return (await sql.QueryAsync(query, ct))
            .GroupBy(r => (string)r[0]!)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ValueCount>)g.Select(r => new ValueCount((string)r[1]!, Count(r[2]))).ToList());
    }

    private static long Count(object? value) => value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex Identifier();
}
