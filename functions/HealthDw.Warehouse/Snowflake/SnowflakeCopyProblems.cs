using System.Globalization;
using System.Text.RegularExpressions;
using HealthDw.Core.Configuration;
using HealthDw.Core.Validation;
using HealthDw.Warehouse.Snowflake.Copy;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// Turns where a COPY stopped (<see cref="CopyFileResult"/>: Snowflake's rule text, already stripped of values, its
/// physical line and the target column <c>"T"["NAME":5]</c>) into the <see cref="FileProblem"/> the local loader would
/// have reported: the same rule names, 1-based line and column, the contract's column name. The column position is the
/// target table's, which is the file's field position because the COPY lists the contract's columns first, in the
/// file's order (the Validate step has checked the header against the contract).
/// </summary>
internal static partial class SnowflakeCopyProblems
{
    public static FileProblem From(CopyFileResult copy, TableContract contract)
    {
        var (name, index) = ParseColumn(copy.FirstErrorColumnName);
        var column = name is null ? null : contract.Find(name);
        if (column is null && name is null && index is { } i && i >= 1 && i <= contract.Columns.Count && !IsRowLevel(copy.FirstError))
            column = contract.Columns[i - 1];
        var rule = RuleOf(copy.FirstError, column is not null || name is not null);
        var snowflake = string.IsNullOrWhiteSpace(copy.FirstError) ? "" : $" (Snowflake: {copy.FirstError})";
        var line = copy.FirstErrorLine ?? 0;
        var columnName = column?.Name ?? name;
        return rule switch
        {
            Rules.Type when column is not null => new FileProblem(rule, line, index, columnName,
                $"the value is not {column.Type.Expectation}{snowflake}", $"the contract declares {column.Name} as {column.Type}"),
            Rules.Length when column is not null => new FileProblem(rule, line, index, columnName,
                $"the value is longer than {column.Type.Length} characters{snowflake}", $"expected {column.Type.Expectation}"),
            Rules.NotNull => new FileProblem(rule, line, index, columnName,
                $"the cell is empty, but the column may not be null{snowflake}", column is null ? null : $"expected {column.Type.Expectation}"),
            Rules.FieldCount => new FileProblem(rule, line, null, null,
                $"the row does not have the header's {contract.Columns.Count} fields{snowflake}",
                "a missing or extra comma, or a value with a comma that is not quoted, is the usual cause"),
            Rules.Encoding => new FileProblem(rule, line, index, columnName,
                $"the cell is not valid UTF-8{snowflake}", "save the file as UTF-8; Latin-1 or Windows-1252 bytes are the usual cause"),
            Rules.Quote => new FileProblem(rule, line, index, columnName,
                $"the quoting of the row is broken{snowflake}",
                "fields containing commas, quotes or line breaks must be wrapped in quotes, with inner quotes doubled"),
            Rules.RecordTooLong => new FileProblem(rule, line, index, columnName, $"the row is too long to load{snowflake}"),
            _ => new FileProblem(rule, line, index, columnName, $"Snowflake could not load the row{snowflake}"),
        };
    }

    /// <summary>The rule for Snowflake's message; unknown messages count as a type problem when they name a column, else as
    /// a CSV syntax (quote) problem. Matched on the message's wording, which Snowflake does not promise to keep.</summary>
    public static string RuleOf(string? text, bool namesColumn)
    {
        var t = (text ?? "").ToLowerInvariant();
        if (t.Contains("too long and would be truncated", StringComparison.Ordinal)) return Rules.Length;
        if (t.Contains("null result in a non-nullable column", StringComparison.Ordinal)) return Rules.NotNull;
        if (t.Contains("utf8", StringComparison.Ordinal) || t.Contains("utf-8", StringComparison.Ordinal)) return Rules.Encoding;
        if (IsRowLevel(text)) return Rules.FieldCount;
        if (t.Contains("is not recognized", StringComparison.Ordinal) || t.Contains("out of range", StringComparison.Ordinal)
            || t.Contains("numeric value", StringComparison.Ordinal) || t.Contains("can not convert", StringComparison.Ordinal)
            || t.Contains("cannot be converted", StringComparison.Ordinal))
            return Rules.Type;
        if (t.Contains("max lob size", StringComparison.Ordinal) || t.Contains("exceeds the maximum", StringComparison.Ordinal)) return Rules.RecordTooLong;
        if (t.Contains("quote", StringComparison.Ordinal) || t.Contains("enclos", StringComparison.Ordinal)
            || (t.Contains("found character", StringComparison.Ordinal) && t.Contains("instead of", StringComparison.Ordinal)))
            return Rules.Quote;
        return namesColumn ? Rules.Type : Rules.Quote;
    }

    /// <summary><c>"T"["APPT_START":5]</c> → (APPT_START, 5); <c>"T"[6]</c> → (null, 6).</summary>
    public static (string? Name, int? Index) ParseColumn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (null, null);
        var m = ColumnPattern().Match(text);
        if (!m.Success)
            return (null, null);
        var name = m.Groups["name"].Success ? m.Groups["name"].Value : null;
        return (name, int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture));
    }

    private static bool IsRowLevel(string? text)
    {
        var t = (text ?? "").ToLowerInvariant();
        return t.Contains("number of columns in file", StringComparison.Ordinal)
               || t.Contains("end of record reached while expected to parse column", StringComparison.Ordinal)
               || (t.Contains("found while expecting record delimiter", StringComparison.Ordinal));
    }

    [GeneratedRegex("""\[(?:"(?<name>[^"]*)":)?(?<index>\d+)\]\s*$""", RegexOptions.CultureInvariant)]
    private static partial Regex ColumnPattern();
}
