using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace HealthDw.Snowflake.Tests.Emulator;

/// <summary>
/// <c>COPY INTO &lt;table&gt; (cols) FROM (SELECT t.$1, …, METADATA$FILE_ROW_NUMBER … FROM @stage t) FILES = ('key')
/// FILE_FORMAT = (TYPE = CSV …) ON_ERROR = ABORT_STATEMENT</c>, as the COPY reference describes it for a CSV file:
/// <list type="bullet">
/// <item>The staged file is parsed here (RFC 4180 with <c>FIELD_OPTIONALLY_ENCLOSED_BY = '"'</c>, <c>SKIP_HEADER</c>, an
/// optional BOM, strict UTF-8); an unquoted empty field is NULL (<c>EMPTY_FIELD_AS_NULL</c>), a quoted one is ''.</item>
/// <item>A blank line (nothing before its line end) after the header is skipped with <c>SKIP_BLANK_LINES = TRUE</c>; by default
/// (FALSE) it is an end-of-record error, as CREATE FILE FORMAT documents for SKIP_BLANK_LINES.</item>
/// <item>With a transformation, <c>ERROR_ON_COLUMN_COUNT_MISMATCH</c> does not apply: a missing <c>$n</c> is NULL and extra
/// fields are ignored.</item>
/// <item>The first cell that does not convert fails the statement (ABORT_STATEMENT) with Snowflake's message: its rule
/// text quoting the value, then <c>File '…', line n, character m</c> and <c>Row r, column "T"["COL":k]</c>.</item>
/// <item>Success answers one row per file: FILE, STATUS, ROWS_PARSED, ROWS_LOADED, ERROR_LIMIT, ERRORS_SEEN and the
/// FIRST_ERROR columns.</item>
/// </list>
/// Conversion is PostgreSQL's (a date or timestamp is read by PostgreSQL's rules, not by DATE_FORMAT).
/// </summary>
internal static partial class CopyEmulation
{
    private const string Source = "__copy_src";

    private const string OnErrorHint =
        "  If you would like to continue loading when an error is encountered, use other values such as 'SKIP_FILE' or 'CONTINUE' " +
        "for the ON_ERROR option. For more information on loading options, please run 'info loading_data' in a SQL client.";

    public static Executed Run(NpgsqlConnection connection, string statement, Func<string, string, byte[]?> readStaged, string bucket)
    {
        var copy = Parse(statement);
        var bytes = readStaged(copy.Stage, copy.Key)
                    ?? throw new EmulatorException("091016", "22000", $"Remote file 's3://{bucket}/{copy.Key}' was not found.");
        bytes = Decompressed(bytes, copy);
        var records = Records(bytes, copy);
        var fields = records.Count == 0 ? 1 : Math.Max(1, records.Max(r => r.Fields.Count));
        var targets = TargetColumns(connection, copy.Table);

        Exec(connection, $"drop table if exists {Source}");
        Exec(connection, $"create temp table {Source} (_row bigint, " +
                         string.Join(", ", Enumerable.Range(1, fields).Select(i => $"c{i} text")) + ")");
        using (var import = connection.BeginBinaryImport($"copy {Source} from stdin (format binary)"))
        {
            for (var r = 0; r < records.Count; r++)
            {
                import.StartRow();
                import.Write((long)(r + 1), NpgsqlDbType.Bigint);
                for (var f = 0; f < fields; f++)
                {
                    var value = f < records[r].Fields.Count ? records[r].Fields[f].Value : null;
                    if (value is null)
                        import.WriteNull();
                    else
                        import.Write(value, NpgsqlDbType.Text);
                }
            }

            import.Complete();
        }

        var expressions = copy.Select.Select((item, j) => Expression(item, fields, targets[copy.Columns[j]])).ToList();
        var insert = $"insert into {copy.Table} ({string.Join(", ", copy.Columns)}) select {string.Join(", ", expressions)} from {Source} order by _row";
        try
        {
            // ENFORCE_LENGTH: a value longer than its VARCHAR fails the load. PostgreSQL would trim trailing spaces to fit.
            if (FirstBadCell(connection, copy, records, targets, fields, lengthsOnly: true) is { } tooLong)
                throw tooLong;
            Exec(connection, insert);
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal))
        {
            throw FirstBadCell(connection, copy, records, targets, fields) ?? new EmulatorException("100090", e.SqlState, e.MessageText);
        }
        finally
        {
            Exec(connection, $"drop table if exists {Source}");
        }

        string?[] row = [$"s3://{bucket}/{copy.Key}", "LOADED", N(records.Count), N(records.Count), "1", "0", null, null, null, null];
        return new Executed(
        [
            new("file", "text"), new("status", "text"), new("rows_parsed", "fixed", 38, 0), new("rows_loaded", "fixed", 38, 0),
            new("error_limit", "fixed", 38, 0), new("errors_seen", "fixed", 38, 0), new("first_error", "text"),
            new("first_error_line", "fixed", 38, 0), new("first_error_character", "fixed", 38, 0), new("first_error_column_name", "text"),
        ], [row], null);
    }

    /// <summary>The select item in PostgreSQL: <c>t.$n</c> is the file's field n (text, cast to the target column's type
    /// unless that is text), METADATA$FILE_ROW_NUMBER the record's number; other items are translated.</summary>
    private static string Expression(string item, int fields, Target target)
    {
        var field = FieldRef().Match(item);
        if (field.Success && field.Length == item.Trim().Length)
        {
            var n = int.Parse(field.Groups[1].Value, CultureInfo.InvariantCulture);
            var column = n <= fields ? $"c{n}" : "null";
            return target.IsText ? column : $"({column})::{target.Type}";
        }

        return SnowflakeToPostgres.Translate(RowNumber().Replace(item, "_row"));
    }

    private static EmulatorException? FirstBadCell(
        NpgsqlConnection connection, CopyCommand copy, IReadOnlyList<CsvRecord> records, IReadOnlyDictionary<string, Target> targets,
        int fields, bool lengthsOnly = false)
    {
        Exec(connection, """
            create or replace function pg_temp.__castable(v text, t text) returns boolean language plpgsql as $$
            begin execute format('select %L::%s', v, t); return true; exception when others then return false; end $$
            """);
        var checks = new List<string>();
        for (var j = 0; j < copy.Select.Count; j++)
        {
            var field = FieldRef().Match(copy.Select[j]);
            if (!field.Success)
                continue;
            var n = field.Groups[1].Value;
            if (int.Parse(n, CultureInfo.InvariantCulture) > fields)
                continue; // no record has this field: it loads as NULL
            var column = targets[copy.Columns[j]];
            if (lengthsOnly && column.Length is null)
                continue;
            var bad = column.Length is { } length ? $"char_length(c{n}) > {length}"
                : column.IsText ? "false"
                : $"not pg_temp.__castable(c{n}, {MaskedSql.PostgresConstant(column.Type)})";
            checks.Add($"select _row, {j} as position, c{n} as v from {Source} where c{n} is not null and {bad}");
        }

        if (checks.Count == 0)
            return null;
        using var command = new NpgsqlCommand(string.Join(" union all ", checks) + " order by 1, 2 limit 1", connection);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        var row = reader.GetInt64(0);
        var position = reader.GetInt32(1);
        var value = reader.GetString(2);
        var record = records[(int)row - 1];
        var fieldIndex = int.Parse(FieldRef().Match(copy.Select[position]).Groups[1].Value, CultureInfo.InvariantCulture) - 1;
        var target = targets[copy.Columns[position]];
        var (code, state, rule) = target.Length is not null ? ("100074", "22000", $"String '{value}' is too long and would be truncated")
            : target.Kind switch
            {
                "date" => ("100040", "22007", $"Date '{value}' is not recognized"),
                "timestamp" or "timestamptz" => ("100035", "22007", $"Timestamp '{value}' is not recognized"),
                "bool" => ("100037", "22018", $"Boolean value '{value}' is not recognized"),
                _ when NumberText().IsMatch(value) => ("100039", "22003", $"Numeric value '{value}' is out of range"),
                _ => ("100038", "22018", $"Numeric value '{value}' is not recognized"),
            };
        var table = copy.Table[(copy.Table.LastIndexOf('.') + 1)..].ToUpperInvariant();
        var message = string.Join("\n",
            rule,
            string.Create(CultureInfo.InvariantCulture, $"  File '{copy.Key}', line {record.Line}, character {record.Fields[fieldIndex].Character}"),
            string.Create(CultureInfo.InvariantCulture, $"  Row {row}, column \"{table}\"[\"{copy.Columns[position].ToUpperInvariant()}\":{position + 1}]"),
            OnErrorHint);
        return new EmulatorException(code, state, message);
    }

    private static CopyCommand Parse(string statement)
    {
        var masked = MaskedSql.Of(statement);
        var code = masked.Code;
        var into = Into().Match(code);
        if (!into.Success)
            throw Unsupported("a COPY INTO <table> (<columns>) FROM (SELECT … FROM @stage) form");
        var columnsOpen = into.Index + into.Length - 1;
        var columnsClose = SnowflakeToPostgres.Closing(code, columnsOpen);
        var columns = code[(columnsOpen + 1)..columnsClose].Split(',').Select(c => c.Trim().ToLowerInvariant()).ToList();

        var from = FromOpen().Match(code, columnsClose + 1);
        if (!from.Success)
            throw Unsupported("a transformation (FROM (SELECT …))");
        var selectClose = SnowflakeToPostgres.Closing(code, from.Index + from.Length - 1);
        var query = SelectFromStage().Match(code[(from.Index + from.Length)..selectClose]);
        if (!query.Success)
            throw Unsupported("SELECT … FROM @<stage> <alias>");
        var select = SnowflakeToPostgres.TopLevel(query.Groups["list"].Value, ',')
            .Select(item => masked.Unmask(item.Trim(), Snowflake: true))
            .ToList();
        if (select.Count != columns.Count)
            throw new EmulatorException("002020", "21S01",
                $"SQL compilation error: Insert value list does not match column list expecting {columns.Count} but got {select.Count}");

        var rest = code[(selectClose + 1)..];
        var files = Files().Match(rest);
        var keys = files.Success ? files.Groups["list"].Value.Split(',').Select(f => masked.ValueOf(f)).ToList() : [];
        if (keys.Count != 1 || keys[0] is null)
            throw Unsupported("FILES = ('<one key>')");
        var format = Format().Match(rest);
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (format.Success)
        {
            var close = SnowflakeToPostgres.Closing(rest, format.Index + format.Length - 1);
            foreach (Match option in FormatOption().Matches(rest[(format.Index + format.Length)..close]))
                options[option.Groups[1].Value] = masked.ValueOf(option.Groups[2].Value) ?? option.Groups[2].Value.Trim();
        }

        var onError = OnError().Match(rest);
        if (!onError.Success || !onError.Groups[1].Value.Equals("abort_statement", StringComparison.OrdinalIgnoreCase))
            throw Unsupported("ON_ERROR = ABORT_STATEMENT");
        if (options.TryGetValue("type", out var type) && !type.Equals("csv", StringComparison.OrdinalIgnoreCase))
            throw Unsupported("TYPE = CSV");
        return new CopyCommand(into.Groups["table"].Value.ToLowerInvariant(), columns, select, query.Groups["stage"].Value.ToLowerInvariant(), keys[0]!, options);
    }

    /// <summary>
    /// The staged bytes through the format's COMPRESSION (CREATE FILE FORMAT, format type option COMPRESSION; "Preparing to
    /// load data", data file compression). AUTO (the default) detects the compression from the bytes, except Brotli, which
    /// "cannot currently be detected automatically": here AUTO recognises gzip by its magic bytes and zlib by its header,
    /// and reads anything else (a Brotli file too) as it is, so a Brotli file under AUTO fails as text. GZIP, BROTLI,
    /// DEFLATE (zlib header, RFC 1950) and RAW_DEFLATE (no header, RFC 1951) require that compression, and other data
    /// fails with Snowflake's "Invalid data encountered during decompression" (the error code here is not verified against
    /// an account); NONE reads the bytes as they are, so a compressed file then fails as invalid UTF-8. BZ2 and ZSTD are
    /// refused as unsupported by the emulator, not emulated.
    /// </summary>
    private static byte[] Decompressed(byte[] bytes, CopyCommand copy)
    {
        var compression = copy.Option("compression", "auto");
        var isGzip = bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B;
        var isZlib = bytes.Length >= 2 && (bytes[0] & 0x0F) == 8 && ((bytes[0] << 8) | bytes[1]) % 31 == 0;
        if (compression == "auto")
            compression = isGzip ? "gzip" : isZlib ? "deflate" : "none";
        Func<Stream, Stream> decompressor = compression switch
        {
            "none" => s => s,
            "gzip" => s => isGzip ? new GZipStream(s, CompressionMode.Decompress) : throw new InvalidDataException("no gzip header"),
            "deflate" => s => new ZLibStream(s, CompressionMode.Decompress),
            "raw_deflate" => s => new DeflateStream(s, CompressionMode.Decompress),
            "brotli" => s => new BrotliStream(s, CompressionMode.Decompress),
            _ => throw Unsupported("COMPRESSION = AUTO, GZIP, BROTLI, DEFLATE, RAW_DEFLATE or NONE"),
        };
        if (compression == "none") return bytes;
        try
        {
            using var source = decompressor(new MemoryStream(bytes));
            using var text = new MemoryStream();
            source.CopyTo(text);
            return text.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            throw new EmulatorException("100109", "22000",
                $"Invalid data encountered during decompression for file: '{copy.Key}',compression type used: '{compression.ToUpperInvariant()}', cause: 'data error'");
        }
    }

    /// <summary>The data records of the file with each record's first physical line and each field's character position.</summary>
    private static List<CsvRecord> Records(byte[] bytes, CopyCommand copy)
    {
        var start = copy.Option("skip_byte_order_mark", "true") == "true" && bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var at = start + Math.Max(0, e.Index);
            var badLine = 1 + bytes.AsSpan(0, Math.Min(at, bytes.Length)).Count((byte)'\n');
            throw new EmulatorException("100069", "22000",
                $"Invalid UTF8 detected in string '0x{bytes[Math.Min(at, bytes.Length - 1)]:X2}'\n  File '{copy.Key}', line {badLine}, character 1\n  Row 1, column \"{copy.Key}\"[1]\n{OnErrorHint}");
        }

        var quote = copy.Option("field_optionally_enclosed_by", "none") == "\"";
        var emptyIsNull = copy.Option("empty_field_as_null", "true") == "true";
        var skip = int.Parse(copy.Option("skip_header", "0"), CultureInfo.InvariantCulture);
        var skipBlankLines = copy.Option("skip_blank_lines", "false") == "true";
        var records = new List<CsvRecord>();
        var i = 0;
        var line = 1;
        while (i < text.Length)
        {
            if (records.Count >= skip && text[i] is '\r' or '\n')
            {
                if (!skipBlankLines)
                {
                    var table = copy.Table[(copy.Table.LastIndexOf('.') + 1)..].ToUpperInvariant();
                    var second = copy.Columns.Count > 1 ? copy.Columns[1].ToUpperInvariant() : copy.Columns[0].ToUpperInvariant();
                    throw new EmulatorException("100088", "22000",
                        $"End of record reached while expected to parse column '\"{table}\"[\"{second}\":2]'\n  File '{copy.Key}', line {line}, character 1\n" +
                        $"  Row {records.Count + 1 - skip}, column \"{table}\"[\"{second}\":2]\n{OnErrorHint}");
                }

                if (text[i] == '\r') i++;
                if (i < text.Length && text[i] == '\n') i++;
                line++;
                continue;
            }

            var record = new CsvRecord(line, []);
            var lineStart = i;
            while (true)
            {
                var character = i - lineStart + 1;
                var value = new StringBuilder();
                var quoted = quote && i < text.Length && text[i] == '"';
                if (quoted)
                {
                    var openedAt = line;
                    for (i++; ; i++)
                    {
                        if (i >= text.Length)
                            throw new EmulatorException("100069", "22000",
                                $"End of file reached while a quoted field was open\n  File '{copy.Key}', line {openedAt}, character {character}\n" +
                                $"  Row {records.Count + 1 - skip}, column \"{copy.Key}\"[{record.Fields.Count + 1}]\n{OnErrorHint}");
                        if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                        {
                            value.Append('"');
                            i++;
                        }
                        else if (text[i] == '"')
                        {
                            i++;
                            break;
                        }
                        else
                        {
                            if (text[i] == '\n')
                            {
                                line++;
                                lineStart = i + 1;
                            }

                            value.Append(text[i]);
                        }
                    }

                    if (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                        throw new EmulatorException("100066", "22000",
                            $"Found character '{text[i]}' instead of field delimiter ','\n  File '{copy.Key}', line {line}, character {i - lineStart + 1}\n" +
                            $"  Row {records.Count + 1 - skip}, column \"{copy.Key}\"[{record.Fields.Count + 1}]\n{OnErrorHint}");
                }
                else
                {
                    while (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                        value.Append(text[i++]);
                }

                record.Fields.Add(new CsvField(value.Length == 0 && !quoted && emptyIsNull ? null : value.ToString(), character));
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    continue;
                }

                if (i < text.Length && text[i] == '\r')
                    i++;
                if (i < text.Length && text[i] == '\n')
                    i++;
                line++;
                break;
            }

            records.Add(record);
        }

        return records.Skip(skip).ToList();
    }

    private static Dictionary<string, Target> TargetColumns(NpgsqlConnection connection, string table)
    {
        using var command = new NpgsqlCommand("""
            select a.attname, format_type(a.atttypid, a.atttypmod), t.typname,
                   case when t.typname = 'varchar' and a.atttypmod > 0 then a.atttypmod - 4 end
            from pg_attribute a join pg_type t on t.oid = a.atttypid
            where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = table });
        var targets = new Dictionary<string, Target>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
                targets[reader.GetString(0)] = new Target(reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new EmulatorException("002003", "42S02", $"SQL compilation error:\nTable '{table.ToUpperInvariant()}' does not exist or not authorized.");
        }

        return targets;
    }

    private static void Exec(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static EmulatorException Unsupported(string what) =>
        new("001003", "42000", $"SQL compilation error: the emulator's COPY understands {what} only");

    private sealed record CopyCommand(
        string Table, IReadOnlyList<string> Columns, IReadOnlyList<string> Select, string Stage, string Key, IReadOnlyDictionary<string, string> Options)
    {
        public string Option(string name, string fallback) =>
            Options.TryGetValue(name, out var value) && value.Length > 0 ? value.ToLowerInvariant() : fallback;
    }

    private sealed record CsvRecord(int Line, List<CsvField> Fields);

    private sealed record CsvField(string? Value, int Character);

    private sealed record Target(string Type, string Kind, int? Length)
    {
        public bool IsText => Kind is "text" or "varchar";
    }

    [GeneratedRegex(@"^\s*copy\s+into\s+(?<table>[\w.]+)\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Into();

    [GeneratedRegex(@"\G\s*from\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FromOpen();

    [GeneratedRegex(@"^\s*select\s+(?<list>.*)\s+from\s+@(?<stage>[\w.]+)(?:\s+\w+)?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex SelectFromStage();

    [GeneratedRegex(@"\bfiles\s*=\s*\((?<list>[^)]*)\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Files();

    [GeneratedRegex(@"\bfile_format\s*=\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Format();

    [GeneratedRegex(@"(\w+)\s*=\s*(\(\s*[^)]*\)|\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex FormatOption();

    [GeneratedRegex(@"\bon_error\s*=\s*(\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OnError();

    [GeneratedRegex(@"^\s*\w+\.\$(\d+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldRef();

    [GeneratedRegex(@"metadata\$file_row_number", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RowNumber();

    [GeneratedRegex(@"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberText();
}
