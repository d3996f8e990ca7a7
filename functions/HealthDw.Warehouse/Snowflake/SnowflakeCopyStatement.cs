using System.Globalization;
using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Loading;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// The COPY of one file from the external stage into its per-load table, with a transformation that adds the row
/// metadata. The file format options are the local CSV rules: comma-separated, one header line, <c>"</c> quoting (inner
/// quotes doubled), no backslash escapes, UTF-8 with an optional BOM, an empty cell is NULL and no other text is
/// (<c>NULL_IF = ()</c>; Snowflake's default would turn <c>\N</c> into NULL), the contract's date and timestamp formats, blank
/// lines skipped (those at the end of a file are not data).
/// </summary>
internal static class SnowflakeCopyStatement
{
    public static string Build(
        RoutedFile file, TableContract contract, Guid loadId, DateTimeOffset startedAt, SnowflakeStageOptions options, IReadOnlyList<int>? fieldMap)
    {
        if (fieldMap is not null && fieldMap.Count != contract.Columns.Count)
            throw new ArgumentException("the field map must give a file field for every contract column", nameof(fieldMap));
        var key = SnowflakeSql.Literal(file.Object.Key);
        var columns = contract.Columns.Select(SnowflakeSchema.Column).Concat(SnowflakeSchema.MetadataColumns);
        var fields = contract.Columns.Select((_, j) => $"t.${(fieldMap?[j] ?? j) + 1}");
        var sql = new StringBuilder();
        sql.Append("copy into ").Append(SnowflakeStageLoader.LoadTable(loadId)).Append(" (").AppendJoin(", ", columns).Append(")\n");
        sql.Append("from (\n    select ").AppendJoin(", ", fields).Append(",\n");
        // METADATA$FILE_ROW_NUMBER is taken as 1 for the first data record (the skipped header not counted): + 1 adds
        // the header's line, so the first row is line 2, as the local loader counts. See SnowflakeStageLoader on quoted
        // line breaks.
        sql.Append("           metadata$file_row_number + 1,\n");
        sql.Append("           ").Append(key).Append(",\n");
        sql.Append("           ").Append(SnowflakeSql.Literal(file.Object.VersionToken)).Append(",\n");
        sql.Append("           ").Append(SnowflakeSql.Literal(loadId.ToString("D", CultureInfo.InvariantCulture))).Append(",\n");
        sql.Append("           ").Append(SnowflakeSql.TimestampLtz(startedAt)).Append('\n');
        sql.Append("    from ").Append(SnowflakeStageName.Parse(options.Stage).Sql).Append(" t\n)\n");
        sql.Append("files = (").Append(key).Append(")\n");
        sql.Append("file_format = (\n");
        foreach (var option in FormatOptions(options, CompressedFile.Of(file.Object.Key)))
            sql.Append("    ").Append(option).Append('\n');
        sql.Append(")\n");
        sql.Append("on_error = abort_statement\n");
        sql.Append("enforce_length = true\n");
        // The ledger decides what was loaded; Snowflake's own 64-day load metadata must not skip a file it has seen.
        sql.Append("force = true");
        return sql.ToString();
    }

    /// <summary>The compression is named, not AUTO: the loader's own check read the file as that compression (by its
    /// name), and Snowflake must read the same text or fail (CREATE FILE FORMAT, format type option COMPRESSION: AUTO
    /// detects every algorithm except Brotli, which must be named as BROTLI; DEFLATE is zlib-wrapped, RFC 1950;
    /// RAW_DEFLATE is headerless, RFC 1951; NONE reads the bytes as they are).</summary>
    private static string Compression(FileCompression compression) => compression switch
    {
        FileCompression.Gzip => "gzip",
        FileCompression.Brotli => "brotli",
        FileCompression.Deflate => "deflate",
        FileCompression.RawDeflate => "raw_deflate",
        FileCompression.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, null),
    };

    private static IEnumerable<string> FormatOptions(SnowflakeStageOptions options, FileCompression compression) =>
    [
        "type = csv",
        "compression = " + Compression(compression),
        "field_delimiter = ','",
        "skip_header = 1",
        // Blank lines at the end of a file are not data (CREATE FILE FORMAT, SKIP_BLANK_LINES: by default a blank line is an
        // end-of-record error). Skipping is not limited to the end: the whole-file check before the COPY refuses the blank
        // lines that have a row after them, as the local loader does.
        "skip_blank_lines = true",
        "field_optionally_enclosed_by = '\"'",
        "escape = none",
        "escape_unenclosed_field = none",
        "encoding = 'UTF8'",
        "skip_byte_order_mark = true",
        "empty_field_as_null = true",
        "null_if = ()",
        "error_on_column_count_mismatch = true",
        "date_format = " + SnowflakeSql.Literal(options.DateFormat),
        "timestamp_format = " + SnowflakeSql.Literal(options.TimestampFormat),
    ];
}
