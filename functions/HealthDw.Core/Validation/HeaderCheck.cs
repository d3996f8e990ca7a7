using System.Text;
using System.Text.Unicode;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;

namespace HealthDw.Core.Validation;

/// <summary>Checks a file's header row against its contract and maps contract columns to file fields.</summary>
public static class HeaderCheck
{
    private static readonly char[] OtherDelimiters = [';', '\t', '|'];

    /// <returns>For each contract column, its field index in the file; null when the header is unusable.</returns>
    public static int[]? Check(TableContract contract, CsvReader header, ProblemLog problems)
    {
        if (!Utf8.IsValid(header.RecordBytes))
        {
            problems.Add(new FileProblem(Rules.Encoding, header.Line, null, null,
                "the header row is not valid UTF-8", "save the file as UTF-8 (a byte-order mark is accepted)"));
            return null;
        }

        if (header.IsBlankLine)
        {
            problems.Add(new FileProblem(Rules.MissingHeader, header.Line, null, null, "the first line is blank",
                $"the file must begin with its header row: the {Listed(contract)} ({contract.SourceFile})"));
            return null;
        }

        var names = new string[header.FieldCount];
        for (var i = 0; i < names.Length; i++) names[i] = Encoding.UTF8.GetString(header[i]).Trim();

        if (names.Length == 1 && contract.Columns.Count > 1 && names[0].IndexOfAny(OtherDelimiters) is var at and >= 0)
        {
            problems.Add(new FileProblem(Rules.Delimiter, header.Line, 1, null,
                $"the header is separated by '{Printable(names[0][at])}', not by commas",
                "files must be comma-separated (RFC 4180)"));
            return null;
        }

        // A header cell that is not one of the contract's column names may be data: a file sent without its header row
        // has a patient's values on its first line. Such a cell is never quoted back, only its position.
        if (names.Length > 0 && !names.Any(n => contract.Find(n) is not null))
        {
            problems.Add(new FileProblem(Rules.MissingHeader, header.Line, null, null,
                $"the first line looks like data: none of its {names.Length} fields is a column name of the contract",
                $"the file must begin with its header row: the {Listed(contract)} ({contract.SourceFile})"));
            return null;
        }

        var map = new int[contract.Columns.Count];
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Length; i++)
        {
            if (!seen.TryAdd(names[i], i))
                problems.Add(new FileProblem(Rules.DuplicateColumn, header.Line, i + 1, contract.Find(names[i])?.Name,
                    $"this column name appears twice in the header (first in column {seen[names[i]] + 1})"));
        }

        for (var j = 0; j < map.Length; j++)
        {
            var column = contract.Columns[j];
            if (seen.TryGetValue(column.Name, out var index)) { map[j] = index; continue; }
            map[j] = -1;
            problems.Add(new FileProblem(Rules.MissingColumn, header.Line, null, column.Name,
                "the contract's column is missing from the header",
                $"expected the {Listed(contract)} ({contract.SourceFile})"));
        }

        if (contract.ExtraColumns == ExtraColumns.Reject)
        {
            for (var i = 0; i < names.Length; i++)
            {
                if (contract.Find(names[i]) is null)
                    problems.Add(new FileProblem(Rules.ExtraColumn, header.Line, i + 1, null,
                        "the header has a column the contract does not know (its name is not repeated: it may be data)",
                        $"add it to {contract.SourceFile}, or set extra_columns: ignore there"));
            }
        }

        if (problems.Any) return null;

        for (var j = 1; j < map.Length; j++)
        {
            if (map[j] > map[j - 1]) continue;
            problems.Add(new FileProblem(Rules.ColumnOrder, header.Line, map[j] + 1, contract.Columns[j].Name,
                $"the column comes before {contract.Columns[j - 1].Name}, against the contract's order",
                $"expected the {Listed(contract)} in this order ({contract.SourceFile})"));
            return null;
        }

        return map;
    }

    /// <summary>The contract's first columns, enough to recognise it: the hint repeats on every missing column, and
    /// a wide contract listed whole each time would swell the step's result.</summary>
    private static string Listed(TableContract contract)
    {
        const int shown = 12;
        var names = string.Join(",", contract.Columns.Take(shown).Select(c => c.Name));
        return contract.Columns.Count <= shown ? $"columns {names}" : $"{contract.Columns.Count} columns, beginning {names},…";
    }

    private static string Printable(char c) => c == '\t' ? "\\t" : c.ToString();
}
