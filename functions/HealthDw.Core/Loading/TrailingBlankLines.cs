using HealthDw.Core.Csv;
using HealthDw.Core.Validation;

namespace HealthDw.Core.Loading;

/// <summary>
/// Blank lines at the end of a file are not data: many exporters end a file with an extra line break or two. A blank line
/// is only known to be at the end once nothing but blank lines follows it, so each is held back here, and reported as a
/// problem when a record comes after it (a blank line in the middle of a file is an error, as before). Snowflake's COPY
/// reads the file with <c>SKIP_BLANK_LINES = TRUE</c>; the whole-file check before it refuses the blank lines that are not
/// at the end, so both paths accept and refuse the same files.
/// </summary>
public sealed class TrailingBlankLines
{
    private long _firstLine;
    private long _count;

    /// <returns>True when the current record is a blank line, now held back; false for any other record, after the blank
    /// lines held back before it have been added to <paramref name="problems"/>.</returns>
    public bool Hold(CsvReader csv, CsvReadStatus status, ProblemLog problems)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(problems);
        if (status == CsvReadStatus.Record && csv.IsBlankLine)
        {
            if (_count++ == 0) _firstLine = csv.Line;
            return true;
        }

        for (var k = 0; k < _count; k++)
            problems.Add(new FileProblem(Rules.FieldCount, _firstLine + k, null, null, "the line is blank",
                "remove blank lines between rows (blank lines at the end of the file are accepted)"));
        _count = 0;
        return false;
    }
}
