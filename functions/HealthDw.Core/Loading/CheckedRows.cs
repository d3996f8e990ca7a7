using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Validation;

namespace HealthDw.Core.Loading;

/// <summary>
/// A CSV file read against its contract, row by row: the header is checked on opening, then every record for syntax,
/// encoding, field count, not-null, type and length. <see cref="Next"/> yields only clean rows, and none once the file
/// has a problem (reading goes on to list the problems, up to the log's limit). One definition of a good row, used by
/// the local loader as it copies and by the Snowflake loader before its COPY.
/// </summary>
public sealed class CheckedRows : IDisposable
{
    private readonly CsvReader _csv;
    private readonly RowValidator _validator;
    private readonly ProblemLog _problems;
    private readonly TrailingBlankLines _blankLines = new();

    private CheckedRows(CsvReader csv, RowValidator validator, ProblemLog problems, int[] map)
    {
        FieldMap = map;
        _csv = csv;
        _validator = validator;
        _problems = problems;
    }

    /// <summary>Per contract column (in contract order), the 0-based field of the file that holds it.</summary>
    public IReadOnlyList<int> FieldMap { get; }

    /// <summary>Records read after the header, clean or not.</summary>
    public long Rows { get; private set; }

    /// <summary>The physical line the current row starts on.</summary>
    public long Line => _csv.Line;

    public long BytesConsumed => _csv.BytesConsumed;

    /// <summary>The current row's values, in contract column order.</summary>
    public CellValue[] Cells => _validator.Cells;

    /// <returns>Null when the file cannot be read at all (empty, malformed header, header not the contract's): the reason
    /// is in <paramref name="problems"/>.</returns>
    public static CheckedRows? Open(Stream stream, TableContract contract, ProblemLog problems)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(problems);
        var csv = new CsvReader(stream);
        try
        {
            var status = csv.Read();
            if (status == CsvReadStatus.EndOfFile)
                problems.Add(new FileProblem(Rules.EmptyFile, 1, null, null, "the file is empty", "a file needs at least its header row"));
            else if (status == CsvReadStatus.Malformed)
                problems.Add(FromSyntax(csv.Error!));
            else if (HeaderCheck.Check(contract, csv, problems) is { } map)
                return new CheckedRows(csv, new RowValidator(contract, map, csv.FieldCount), problems, map);
        }
        catch
        {
            csv.Dispose();
            throw;
        }

        csv.Dispose();
        return null;
    }

    /// <summary>Moves to the next clean row while the file has no problem; false at the end of the file.</summary>
    /// <param name="ct">Checked every 16,384 records, also while reading on only to list problems.</param>
    public bool Next(CancellationToken ct = default)
    {
        CsvReadStatus status;
        while ((status = _csv.Read()) != CsvReadStatus.EndOfFile)
        {
            if ((Rows & 0x3FFF) == 0x3FFF) ct.ThrowIfCancellationRequested();
            if (_blankLines.Hold(_csv, status, _problems)) continue;
            if (status == CsvReadStatus.Malformed)
            {
                _problems.Add(FromSyntax(_csv.Error!));
                continue;
            }

            Rows++;
            if (_validator.Check(_csv, _problems) && !_problems.Any) return true;
        }

        return false;
    }

    /// <summary>Reads the whole file only to check it.</summary>
    /// <returns>The rows read.</returns>
    public static long CheckAll(Stream stream, TableContract contract, ProblemLog problems, CancellationToken ct)
    {
        using var rows = Open(stream, contract, problems);
        if (rows is null) return 0;
        while (rows.Next(ct))
        {
        }

        return rows.Rows;
    }

    public void Dispose() => _csv.Dispose();

    internal static FileProblem FromSyntax(CsvSyntaxError error) =>
        new(error.Rule, error.Line, error.Field == 0 ? null : error.Field, null, error.Message,
            error.Rule == Rules.Quote ? "fields containing commas, quotes or line breaks must be wrapped in quotes, with inner quotes doubled" : null);
}
