namespace HealthDw.Core.Checks;

/// <summary>Evaluates a schema check against a relation's columns (name → type as the warehouse reports it).</summary>
public static class SchemaCheck
{
    public static CheckResult Evaluate(CheckDefinition check, IReadOnlyDictionary<string, string> columns)
    {
        var rules = check.Schema!;
        var failures = Problems(rules.Fail, columns);
        if (failures.Count > 0) return new CheckResult(check, failures.Count, CheckOutcome.Fail, string.Join("; ", failures));
        var warnings = Problems(rules.Warn, columns);
        return warnings.Count > 0
            ? new CheckResult(check, warnings.Count, CheckOutcome.Warn, string.Join("; ", warnings))
            : new CheckResult(check, 0, CheckOutcome.Pass, $"{columns.Count} columns as expected");
    }

    private static List<string> Problems(SchemaLevel? level, IReadOnlyDictionary<string, string> columns)
    {
        if (level is null) return [];
        var problems = new List<string>();
        problems.AddRange(level.Required.Where(c => !columns.ContainsKey(c.ToLowerInvariant())).Select(c => $"required column {c} missing"));
        problems.AddRange(level.Forbidden.Where(c => columns.ContainsKey(c.ToLowerInvariant())).Select(c => $"forbidden column {c} present"));
        foreach (var (column, expected) in level.Types)
        {
            if (columns.TryGetValue(column.ToLowerInvariant(), out var actual) && Normalize(actual) != Normalize(expected))
                problems.Add($"column {column} is {actual}, expected {expected}");
        }

        return problems;
    }

    /// <summary>One spelling per type family, so 'varchar(16)' and 'character varying' agree.</summary>
    public static string Normalize(string type)
    {
        var t = type.ToLowerInvariant().Trim();
        var paren = t.IndexOf('(');
        if (paren >= 0) t = t[..paren].Trim();
        return t switch
        {
            "character varying" or "varchar" or "string" or "char" or "character" => "varchar",
            "int" or "int4" or "integer" => "integer",
            "int8" or "bigint" => "bigint",
            "numeric" or "decimal" or "number" => "numeric",
            "timestamp without time zone" or "timestamp" or "timestamp_ntz" or "datetime" => "timestamp",
            "timestamp with time zone" or "timestamptz" or "timestamp_tz" => "timestamptz",
            "bool" or "boolean" => "boolean",
            "double precision" or "float8" or "float" or "double" => "double",
            _ => t,
        };
    }
}
