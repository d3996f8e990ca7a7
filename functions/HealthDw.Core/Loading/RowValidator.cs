using System.Text.Unicode;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Validation;

namespace HealthDw.Core.Loading;

/// <summary>Checks one CSV record against the contract and parses its cells into <see cref="Cells"/>.</summary>
public sealed class RowValidator(TableContract contract, int[] map, int headerFieldCount)
{
    public CellValue[] Cells { get; } = new CellValue[contract.Columns.Count];

    /// <returns>True when the record is clean; otherwise its problems are in <paramref name="problems"/>.</returns>
    public bool Check(CsvReader record, ProblemLog problems)
    {
        if (!Utf8.IsValid(record.RecordBytes))
        {
            var field = 0;
            while (field < record.FieldCount - 1 && Utf8.IsValid(record[field])) field++;
            problems.Add(new FileProblem(Rules.Encoding, record.Line, field + 1, NameOfField(field),
                "the cell is not valid UTF-8", "save the file as UTF-8; Latin-1 or Windows-1252 bytes are the usual cause"));
            return false;
        }

        if (record.FieldCount != headerFieldCount)
        {
            problems.Add(new FileProblem(Rules.FieldCount, record.Line, null, null,
                $"the row has {record.FieldCount} fields; the header has {headerFieldCount}",
                "a missing or extra comma, or a value with a comma that is not quoted, is the usual cause"));
            return false;
        }

        var clean = true;
        for (var j = 0; j < Cells.Length; j++)
        {
            var column = contract.Columns[j];
            var cell = record[map[j]];
            if (cell.IsEmpty)
            {
                Cells[j].IsNull = true;
                if (column.Nullable) continue;
                problems.Add(new FileProblem(Rules.NotNull, record.Line, map[j] + 1, column.Name,
                    "the cell is empty, but the column may not be null", $"expected {column.Type.Expectation}"));
                clean = false;
                continue;
            }

            var rule = CellParser.TryParse(cell, column.Type, ref Cells[j]);
            if (rule is null) continue;
            clean = false;
            problems.Add(rule switch
            {
                Rules.Length => new FileProblem(Rules.Length, record.Line, map[j] + 1, column.Name,
                    $"the value is longer than {column.Type.Length} characters", $"expected {column.Type.Expectation}"),
                Rules.Encoding => new FileProblem(Rules.Encoding, record.Line, map[j] + 1, column.Name,
                    "the cell holds a NUL byte (0x00), which no text column can store",
                    "remove the NUL bytes; a file saved as UTF-16, or binary data in a text field, is the usual cause"),
                _ => new FileProblem(Rules.Type, record.Line, map[j] + 1, column.Name,
                    $"the value is not {column.Type.Expectation}", $"the contract declares {column.Name} as {column.Type}"),
            });
        }

        return clean;
    }

    private string? NameOfField(int field)
    {
        var j = Array.IndexOf(map, field);
        return j >= 0 ? contract.Columns[j].Name : null;
    }
}
