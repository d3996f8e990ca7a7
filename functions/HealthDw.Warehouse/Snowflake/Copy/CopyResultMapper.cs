using System.Globalization;

namespace HealthDw.Warehouse.Snowflake.Copy;

/// <summary>
/// Maps what Snowflake reports for <c>COPY INTO &lt;table&gt; ... FILES=(...) ON_ERROR=ABORT_STATEMENT</c> to
/// <see cref="CopyFileResult"/>s.
/// <list type="bullet">
/// <item>Success: one result row per file with the documented columns FILE, STATUS, ROWS_PARSED, ROWS_LOADED,
/// ERROR_LIMIT, ERRORS_SEEN, FIRST_ERROR, FIRST_ERROR_LINE, FIRST_ERROR_CHARACTER, FIRST_ERROR_COLUMN_NAME
/// (matched by name, any case). A COPY that had nothing to load answers a single status column instead: no files.</item>
/// <item>Failure: with ABORT_STATEMENT the first bad row fails the whole statement, so the SQL API answers 422 and the
/// position is only in the message (<c>Numeric value '..' is not recognized / File 'x.csv', line 3, character 12 /
/// Row 2, column "T"["PRICE":3]</c>).</item>
/// </list>
/// FIRST_ERROR (and the 422 message) can quote the offending value; it is reduced to its rule text here, inside
/// the warehouse adapter, before anything leaves it.
/// </summary>
public static class CopyResultMapper
{
    /// <summary>The per-file rows of a COPY result; for a multi-statement request, of the child statement that was the COPY.</summary>
    public static IReadOnlyList<CopyFileResult> FromResult(SnowflakeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Statements.Count > 0)
            return result.Statements.SelectMany(FromResult).ToList();

        var file = result.ColumnIndex("file");
        var status = result.ColumnIndex("status");
        var rowsLoaded = result.ColumnIndex("rows_loaded");
        if (file < 0 || status < 0 || rowsLoaded < 0)
            return [];

        var rowsParsed = result.ColumnIndex("rows_parsed");
        var errorsSeen = result.ColumnIndex("errors_seen");
        var firstError = result.ColumnIndex("first_error");
        var firstErrorLine = result.ColumnIndex("first_error_line");
        var firstErrorCharacter = result.ColumnIndex("first_error_character");
        var firstErrorColumn = result.ColumnIndex("first_error_column_name");
        return result.Rows
            .Select(row =>
            {
                var error = Cell(row, firstError);
                return new CopyFileResult(
                    Cell(row, file) ?? "",
                    Cell(row, status) ?? "",
                    Number(row, rowsParsed),
                    Number(row, rowsLoaded) ?? 0,
                    Number(row, errorsSeen) ?? 0,
                    null,
                    string.IsNullOrEmpty(error) ? null : SnowflakeErrorSanitizer.RuleText(null, error),
                    Number(row, firstErrorLine),
                    Number(row, firstErrorCharacter),
                    Cell(row, firstErrorColumn));
            })
            .ToList();
    }

    /// <summary>
    /// The file a failed COPY stopped at, from the 422 message's position lines; null when the failure is not a
    /// load error (no <c>File '..', line n, character m</c> line, e.g. a compilation error).
    /// </summary>
    public static CopyFileResult? FromFailure(SnowflakeSqlException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        string? file = null;
        long? line = null;
        long? character = null;
        string? column = null;
        string? rule = null;
        foreach (var text in failure.ErrorText.Split('\n'))
        {
            var position = SnowflakeErrorPatterns.FileLine().Match(text);
            if (position.Success && file is null)
            {
                file = position.Groups["file"].Value;
                line = long.Parse(position.Groups["line"].Value, CultureInfo.InvariantCulture);
                character = long.Parse(position.Groups["character"].Value, CultureInfo.InvariantCulture);
                continue;
            }

            var row = SnowflakeErrorPatterns.RowLine().Match(text);
            if (row.Success && column is null)
                column = row.Groups["column"].Value;
            else if (file is null && !row.Success)
                rule = text.Trim(); // the rule is the line just above the position (a multi-statement wrapper comes first)
        }

        if (file is null)
            return null;
        return new CopyFileResult(
            file, CopyFileResult.LoadFailed, null, 0, 1, failure.Code,
            rule, line, character, column);
    }

    private static string? Cell(string?[] row, int index) => index >= 0 && index < row.Length ? row[index] : null;

    private static long? Number(string?[] row, int index) =>
        long.TryParse(Cell(row, index), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
