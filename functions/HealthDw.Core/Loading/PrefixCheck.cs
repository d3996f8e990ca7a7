using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Validation;

namespace HealthDw.Core.Loading;

/// <summary>
/// The Validate step: cheap checks from the first bytes of a file (a ranged read), so a file with
/// the wrong header, encoding, delimiter or quoting is refused before any load starts.
/// </summary>
public static class PrefixCheck
{
    public const int PrefixBytes = 64 * 1024;

    /// <param name="prefix">The first bytes of the file.</param>
    /// <param name="wholeFile">True when <paramref name="prefix"/> is the entire file.</param>
    /// <param name="compression">The file's compression (<see cref="CompressedFile.Of"/>): a compressed prefix is checked
    /// as the text it decompresses to, and lines are the text's.</param>
    public static ProblemLog Check(TableContract contract, byte[] prefix, bool wholeFile, FileCompression compression = FileCompression.None)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        prefix = CompressedFile.PrefixText(prefix, compression, wholeFile, out wholeFile, out var damaged);
        var problems = new ProblemLog();
        if (damaged)
        {
            // The text up to the damage is checked as a sample; the damage is one problem at the line the text stops on.
            var whole = prefix.AsSpan();
            var lastNewline = whole.LastIndexOf((byte)'\n');
            var line = 1 + whole[..(lastNewline + 1)].Count((byte)'\n');
            if (lastNewline >= 0)
            {
                var sample = Check(contract, prefix, wholeFile: false);
                foreach (var problem in sample.Kept) problems.Add(problem);
            }

            problems.Add(new FileProblem(Rules.Encoding, line, null, null, prefix.Length == 0
                ? $"the file's content is not the {CompressedFile.Name(compression)} data its name declares"
                : "the compressed data is damaged or cut short here: the text stops at this line"));
            return problems;
        }

        var usable = prefix.AsSpan();
        if (!wholeFile)
        {
            // Only whole lines: the last one may be cut anywhere, even inside a UTF-8 sequence.
            var lastNewline = usable.LastIndexOf((byte)'\n');
            usable = lastNewline < 0 ? usable : usable[..(lastNewline + 1)];
        }

        using var csv = new CsvReader(new MemoryStream(prefix, 0, usable.Length, writable: false));
        var status = csv.Read();
        if (status == CsvReadStatus.EndOfFile)
        {
            problems.Add(wholeFile
                ? new FileProblem(Rules.EmptyFile, 1, null, null, "the file is empty", "a file needs at least its header row")
                : new FileProblem(Rules.RecordTooLong, 1, null, null, $"no line break in the first {PrefixBytes / 1024} KiB: the header is too long or the file is not CSV"));
            return problems;
        }

        if (status == CsvReadStatus.Malformed)
        {
            problems.Add(new FileProblem(csv.Error!.Rule, csv.Error.Line, csv.Error.Field, null, csv.Error.Message));
            return problems;
        }

        var map = HeaderCheck.Check(contract, csv, problems);
        if (map is null) return problems;

        var validator = new RowValidator(contract, map, csv.FieldCount);
        var rows = 0;
        var blankLines = new TrailingBlankLines();
        while ((status = csv.Read()) != CsvReadStatus.EndOfFile)
        {
            // Blank lines still held back where a sample ends may be the file's last lines: no error.
            if (blankLines.Hold(csv, status, problems)) continue;
            if (status == CsvReadStatus.Malformed)
            {
                // A quote still open where the sample ends is not an error: the file goes on.
                if (wholeFile || !csv.Error!.AtEndOfInput)
                    problems.Add(new FileProblem(csv.Error!.Rule, csv.Error.Line, csv.Error.Field, null, csv.Error.Message));
                continue;
            }

            rows++;
            validator.Check(csv, problems);
        }

        if (wholeFile && rows == 0 && !contract.AllowEmpty && !problems.Any)
            problems.Add(new FileProblem(Rules.NoRows, 2, null, null, "the file has a header but no rows",
                $"send at least one row, or set allow_empty: true in {contract.SourceFile}"));
        return problems;
    }
}
