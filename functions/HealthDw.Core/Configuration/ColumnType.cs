using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthDw.Core.Configuration;

/// <summary>A contract column's type, as written in YAML: <c>text</c>, <c>varchar(16)</c>,
/// <c>integer</c>, <c>bigint</c>, <c>decimal(12,2)</c>, <c>double</c>, <c>boolean</c>, <c>date</c>, <c>timestamp</c>.</summary>
public sealed partial record ColumnType(ColumnKind Kind, int Length = 0, int Precision = 0, int Scale = 0)
{
    public const string Supported = "text, varchar(n), integer, bigint, decimal(p,s), double, boolean, date, timestamp";

    public static bool TryParse(string text, out ColumnType type)
    {
        type = new ColumnType(ColumnKind.Text);
        var m = TypePattern().Match(text.Trim().ToLowerInvariant());
        if (!m.Success) return false;
        int Arg(int i) => int.Parse(m.Groups["args"].Value.Split(',')[i], CultureInfo.InvariantCulture);
        var argCount = m.Groups["args"].Success ? m.Groups["args"].Value.Split(',').Length : 0;
        switch (m.Groups["name"].Value, argCount)
        {
            case ("text", 0): return true;
            case ("varchar", 1) when Arg(0) > 0: type = new ColumnType(ColumnKind.Varchar, Length: Arg(0)); return true;
            case ("integer" or "int", 0): type = new ColumnType(ColumnKind.Integer); return true;
            case ("bigint", 0): type = new ColumnType(ColumnKind.BigInt); return true;
            case ("decimal" or "numeric", 2) when Arg(0) is > 0 and <= 38 && Arg(1) >= 0 && Arg(1) <= Arg(0):
                type = new ColumnType(ColumnKind.Decimal, Precision: Arg(0), Scale: Arg(1)); return true;
            case ("double" or "float", 0): type = new ColumnType(ColumnKind.Double); return true;
            case ("boolean", 0): type = new ColumnType(ColumnKind.Boolean); return true;
            case ("date", 0): type = new ColumnType(ColumnKind.Date); return true;
            case ("timestamp", 0): type = new ColumnType(ColumnKind.Timestamp); return true;
            default: return false;
        }
    }

    /// <summary>The type in SQL that PostgreSQL and Snowflake both accept.</summary>
    public string ToSql() => Kind switch
    {
        ColumnKind.Text => "text",
        ColumnKind.Varchar => $"varchar({Length})",
        ColumnKind.Integer => "integer",
        ColumnKind.BigInt => "bigint",
        ColumnKind.Decimal => $"numeric({Precision},{Scale})",
        ColumnKind.Boolean => "boolean",
        ColumnKind.Date => "date",
        ColumnKind.Timestamp => "timestamp",
        ColumnKind.Double => "double precision",
        _ => throw new InvalidOperationException($"unhandled column kind {Kind}"),
    };

    /// <summary>What a person should put in the cell, for error hints.</summary>
    public string Expectation => Kind switch
    {
        ColumnKind.Text => "text",
        ColumnKind.Varchar => $"text of at most {Length} characters",
        ColumnKind.Integer => "a whole number (32-bit)",
        ColumnKind.BigInt => "a whole number",
        ColumnKind.Decimal => $"a decimal number with at most {Precision - Scale} digits before and {Scale} after the point",
        ColumnKind.Boolean => "true or false (also t/f, 1/0, yes/no, y/n)",
        ColumnKind.Date => "a date as yyyy-MM-dd",
        ColumnKind.Timestamp => "a timestamp as yyyy-MM-dd HH:mm:ss",
        ColumnKind.Double => "a finite number such as 49112.87100000001 or 1.5e-7 (NaN and Infinity are refused)",
        _ => Kind.ToString(),
    };

    public override string ToString() => ToSql();

    [GeneratedRegex(@"^(?<name>[a-z]+)\s*(\(\s*(?<args>\d+(\s*,\s*\d+)?)\s*\))?$")]
    private static partial Regex TypePattern();
}
