using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Loading;
using HealthDw.Core.Validation;

namespace HealthDw.Core.Inference;

/// <summary>
/// Writes a contract for a file from the file itself (<c>healthdw contract infer</c>), in one streaming pass. The file is read
/// as the validator reads it (its <see cref="CsvReader"/>, <see cref="HeaderCheck"/> and <see cref="RowValidator"/>, with every
/// column as nullable text), so quoting, encodings, blank lines and line numbers agree, and a file the validator would refuse
/// whatever its contract (not CSV, not UTF-8, a NUL byte, a row with the wrong number of fields) is refused here at the same
/// line and column. Each column gets the narrowest type whose rule (<see cref="CellParser"/>) accepts every cell
/// (<see cref="ColumnProfile"/>); the result is parsed with the real contract parser before it is returned.
/// </summary>
public static class ContractInference
{
    /// <param name="text">The file's text (decompressed: <see cref="CompressedFile.Open"/>).</param>
    /// <exception cref="ContractInferenceException">The file cannot be read as CSV with a header of column names.</exception>
    public static InferredContract Infer(Stream text, ContractInferenceOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        if (!ContractParser.IsTableName(options.Table))
            throw new ArgumentException($"'{options.Table}' is not a table name: lower case letters, digits and underscores, starting with a letter", nameof(options));

        using var csv = new CsvReader(text);
        var problems = new ProblemLog();
        var status = csv.Read();
        if (status == CsvReadStatus.EndOfFile)
            throw new ContractInferenceException(new FileProblem(Rules.EmptyFile, 1, null, null, "the file is empty", "a file needs at least its header row"));
        if (status == CsvReadStatus.Malformed) throw new ContractInferenceException(CheckedRows.FromSyntax(csv.Error!));

        var contract = TextContract(options, csv);
        var map = HeaderCheck.Check(contract, csv, problems);
        if (map is null) throw new ContractInferenceException(problems.Kept[0]);

        var columns = contract.Columns.Select(c => new ColumnProfile(c.Name)).ToArray();
        var validator = new RowValidator(contract, map, csv.FieldCount);
        var blankLines = new TrailingBlankLines();
        long rows = 0;
        while ((status = csv.Read()) != CsvReadStatus.EndOfFile)
        {
            if ((rows & 0x3FFF) == 0x3FFF) ct.ThrowIfCancellationRequested();
            if (blankLines.Hold(csv, status, problems)) continue;
            if (problems.Any) throw new ContractInferenceException(problems.Kept[0]);
            if (status == CsvReadStatus.Malformed) throw new ContractInferenceException(CheckedRows.FromSyntax(csv.Error!));
            rows++;
            if (!validator.Check(csv, problems)) throw new ContractInferenceException(problems.Kept[0]);
            for (var j = 0; j < columns.Length; j++) columns[j].Observe(csv[map[j]]);
        }

        var yaml = InferredContractYaml.Write(options, columns, rows);
        var (parsed, _) = ContractParser.Parse(new ConfigFile($"contracts/{options.Table}.yml", yaml));
        return new InferredContract(yaml, parsed, rows);
    }

    /// <summary>The header's names as a contract of nullable text columns: what the validator then checks every row against
    /// (encoding and field count only: text refuses nothing else).</summary>
    private static TableContract TextContract(ContractInferenceOptions options, CsvReader header)
    {
        var columns = new List<ColumnSpec>();
        for (var i = 0; i < header.FieldCount; i++)
        {
            if (!System.Text.Unicode.Utf8.IsValid(header[i]))
                throw new ContractInferenceException(new FileProblem(Rules.Encoding, header.Line, null, null,
                    "the header row is not valid UTF-8", "save the file as UTF-8 (a byte-order mark is accepted)"));
            var name = Encoding.UTF8.GetString(header[i]).Trim();
            // The name is not repeated: a file sent without its header row has a patient's values on its first line.
            if (!ContractParser.IsColumnName(name) && !(header.FieldCount == 1 && name.Length == 0))
                throw new ContractInferenceException(new FileProblem(Rules.MissingHeader, header.Line, i + 1, null,
                    "this header field is not a column name a contract can declare (letters, digits and underscores, starting with a letter)",
                    "the file must begin with its header row; rename the column in the export, or in a copy of the file"));
            columns.Add(new ColumnSpec(name, new ColumnType(ColumnKind.Text), true, null));
        }

        return new TableContract(options.Table, null, columns, [], ExtraColumns.Reject, AllowEmpty: true, options.FileName);
    }
}
