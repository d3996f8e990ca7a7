using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;

namespace HealthDw.Core.Profiling;

/// <summary>
/// Profiles a CSV file in one streaming pass (memory bounded whatever its size; see <see cref="FileColumnTally"/>).
/// The header names columns only where the contract knows them: any other header cell is named by its position, since
/// it may be a row of data where the names should be. A column is shown with values only when its contract column is
/// not <c>phi: true</c>; without a contract no column's values are shown.
/// </summary>
public static class FileProfiler
{
    /// <summary>Distinct values counted exactly (up to hash collisions) per column; beyond it the count is a lower bound.</summary>
    public const int DistinctCap = 100_000;

    /// <summary>Distinct values counted for the top list per column; a column with more has no top list.</summary>
    public const int RankedValueCap = 10_000;

    public static string DistinctMethod =>
        $"exact up to {DistinctCap:N0} distinct values per column (64-bit hashes), beyond that a lower bound";

    /// <param name="text">The file's decompressed text.</param>
    public static DataProfile Profile(Stream text, string source, TableContract? contract, bool showValues, CancellationToken ct)
    {
        using var reader = new CsvReader(text);
        if (reader.Read() != CsvReadStatus.Record)
            return new DataProfile(source, contract?.Table, 0, [], showValues, DistinctMethod);

        var columns = new FileColumnTally[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
        {
            var spec = contract?.Find(Encoding.UTF8.GetString(reader[i]));
            var hidden = contract is null || spec is null ? DataProfile.HiddenNoContract : spec.Phi ? DataProfile.HiddenPhi : null;
            columns[i] = new FileColumnTally(spec?.Name ?? $"column {i + 1}", spec, hidden, showValues);
        }

        long rows = 0, malformed = 0;
        for (var status = reader.Read(); status != CsvReadStatus.EndOfFile; status = reader.Read())
        {
            if ((rows & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            if (status == CsvReadStatus.Malformed)
            {
                malformed++;
                continue;
            }

            if (reader.IsBlankLine) continue;
            rows++;
            for (var i = 0; i < columns.Length; i++)
            {
                if (i < reader.FieldCount) columns[i].Add(reader[i]);
                else columns[i].AddNull();
            }
        }

        return new DataProfile(source, contract?.Table, rows, columns.Select(c => c.ToProfile()).ToList(), showValues, DistinctMethod, malformed);
    }
}
