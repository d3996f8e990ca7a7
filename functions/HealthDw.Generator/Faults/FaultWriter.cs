using System.Globalization;
using System.Text;
using HealthDw.Generator.Csv;
using HealthDw.Generator.Model;
using HealthDw.Generator.Tables;

namespace HealthDw.Generator.Faults;

/// <summary>
/// Writes one broken file per fault under <c>faults/&lt;fault&gt;/&lt;real file name&gt;</c> (the real name, so that it routes
/// like the real file; see <see cref="FaultCatalog"/>). Each starts
/// from the first rows (at most <see cref="SampleRows"/>) of the real table, so it stays small.
/// </summary>
internal sealed class FaultWriter(
    IReadOnlyDictionary<string, TableSource> tables,
    DropModel model,
    IDropWriter writer,
    IReadOnlyList<GeneratedFile> realFiles)
{
    public const int SampleRows = 200;
    public const long OrphanApptPkBase = 9_000_000_000;

    public IReadOnlyList<GeneratedFault> WriteAll() =>
    [
        WrongHeader(),
        MissingColumn(),
        BadType(),
        UnbalancedQuote(),
        TruncatedLastLine(),
        NonUtf8(),
        EmptyFile(),
        HeaderOnly(),
        DuplicateKeys(),
        OrphanForeignKeys(),
        WrongDelimiter(),
    ];

    private GeneratedFault WrongHeader()
    {
        var records = Sample("register_users");
        records[0][Column("register_users", "ULNAME")] = "LAST_NAME";
        return Emit("wrong_header", "register_users", "header names column ULNAME as LAST_NAME", Utf8(records));
    }

    private GeneratedFault MissingColumn()
    {
        var city = Column("register_address", "CITY");
        var records = Sample("register_address").Select(r => r.Where((_, i) => i != city).ToArray()).ToList();
        return Emit("missing_column", "register_address", "CITY column missing from the header and every row", Utf8(records));
    }

    private GeneratedFault BadType()
    {
        var records = Sample("chart_appointment");
        var row = Math.Min(37, records.Count - 1);
        records[row][Column("chart_appointment", "APPT_START")] = "not-a-date";
        return Emit("bad_type", "chart_appointment", $"data row {Number(row)}: APPT_START is not a timestamp", Utf8(records));
    }

    private GeneratedFault UnbalancedQuote()
    {
        var records = Sample("register_location");
        var row = records.Count - 1;
        var city = Column("register_location", "CITY");
        var last = records[row];
        var text = new StringBuilder(CsvRecords.Format(records.Take(row)));
        text.AppendJoin(',', last.Take(city).Select(f => CsvRecords.Field(f)));
        text.Append(",\"").Append(last[city]);
        foreach (var field in last.Skip(city + 1))
        {
            text.Append(',').Append(CsvRecords.Field(field));
        }

        text.Append("\r\n");
        return Emit("unbalanced_quote", "register_location", $"data row {Number(row)}: CITY opens a quote that is never closed", Encoding.UTF8.GetBytes(text.ToString()));
    }

    private GeneratedFault TruncatedLastLine()
    {
        var records = Sample("billing_payment");
        var text = CsvRecords.Format(records)[..^2];
        var lineStart = text.LastIndexOf("\r\n", StringComparison.Ordinal) + 2;
        var cut = lineStart;
        for (var commas = 0; commas < 3; cut++)
        {
            if (text[cut] == ',')
            {
                commas++;
            }
        }

        text = text[..(cut + 2)];
        var row = records.Count - 1;
        return Emit("truncated_last_line", "billing_payment", $"data row {Number(row)} (the last) is cut inside PAID_AT, with no line end", Encoding.UTF8.GetBytes(text));
    }

    private GeneratedFault NonUtf8()
    {
        var records = Sample("register_users");
        var first = Column("register_users", "UFNAME");
        var row = records[1];
        var bytes = new MemoryStream();
        bytes.Write(Encoding.UTF8.GetBytes(CsvRecords.Format(records.Take(1)) + string.Concat(row.Take(first).Select(f => CsvRecords.Field(f) + ","))));
        bytes.Write(Encoding.Latin1.GetBytes("José"));
        bytes.Write(Encoding.UTF8.GetBytes(string.Concat(row.Skip(first + 1).Select(f => "," + CsvRecords.Field(f))) + "\r\n" + CsvRecords.Format(records.Skip(2))));
        return Emit("non_utf8", "register_users", "data row 1: UFNAME is written in Latin-1 (byte 0xE9), not UTF-8", bytes.ToArray());
    }

    private GeneratedFault EmptyFile() =>
        Emit("empty_file", "chart_provider", "the file is empty (0 bytes, no header)", []);

    private GeneratedFault HeaderOnly() =>
        Emit("header_only", "billing_claim", "header row only, no data rows", Encoding.UTF8.GetBytes(string.Join(',', tables["billing_claim"].Columns) + "\r\n"));

    private GeneratedFault DuplicateKeys()
    {
        var records = Sample("chart_code");
        var row = Math.Min(11, records.Count - 1);
        var key = records[row - 1][0];
        records[row][0] = key;
        byte[] content = [0xEF, 0xBB, 0xBF, .. Utf8(records)];
        return Emit("duplicate_keys", "chart_code", $"data rows {Number(row - 1)} and {Number(row)} share one CODEPK", content);
    }

    private GeneratedFault OrphanForeignKeys()
    {
        var records = Sample("chart_diagnosis");
        var appt = Column("chart_diagnosis", "APPTPK");
        var orphans = 0;
        for (var row = 1; row < records.Count; row += 10)
        {
            records[row][appt] = (OrphanApptPkBase + row).ToString(CultureInfo.InvariantCulture);
            orphans++;
        }

        return Emit("orphan_foreign_keys", "chart_diagnosis", $"{Number(orphans)} rows (data rows 1, 11, 21, ...) have APPTPK >= {Number(OrphanApptPkBase)}, which no appointment has", Utf8(records));
    }

    private GeneratedFault WrongDelimiter() =>
        Emit("wrong_delimiter", "register_location", "fields are separated by ';' instead of ','", Encoding.UTF8.GetBytes(CsvRecords.Format(Sample("register_location"), ';')));

    private GeneratedFault Emit(string fault, string table, string description, ReadOnlySpan<byte> content)
    {
        if (!FaultCatalog.Summaries.ContainsKey(fault)) throw new InvalidOperationException($"fault {fault} is not in {nameof(FaultCatalog)}");
        var realName = realFiles.First(f => f.Table == table).Name;
        var path = $"{FaultCatalog.Folder}/{fault}/{realName}";
        using (var stream = writer.Create(path))
        {
            stream.Write(content);
        }

        return new GeneratedFault(fault, path, table, description);
    }

    /// <summary>The header and first rows of the real table, as parsed records.</summary>
    private List<string[]> Sample(string table)
    {
        var source = tables[table];
        using var buffer = new MemoryStream();
        using (var csv = new CsvTableWriter(new StreamPartTarget(buffer), source.Columns, bom: false, CsvTableWriter.NoSplit, hash: false))
        {
            source.Write(model, csv, SampleRows);
            csv.Complete();
        }

        return CsvRecords.Parse(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private int Column(string table, string column) => tables[table].Columns.IndexOf(column);

    private static byte[] Utf8(IEnumerable<string[]> records) => Encoding.UTF8.GetBytes(CsvRecords.Format(records));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
