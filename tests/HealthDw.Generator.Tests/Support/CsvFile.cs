using System.Text;

namespace HealthDw.Generator.Tests.Support;

/// <summary>A strict RFC 4180 reader for the tests: UTF-8 (invalid bytes throw), CRLF only, quotes well formed.</summary>
public sealed record CsvFile(bool HasBom, IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public int Column(string name)
    {
        var index = Header.ToList().IndexOf(name);
        index.Should().BeGreaterThanOrEqualTo(0, $"column {name} is in the header");
        return index;
    }

    public IEnumerable<string> Values(string column)
    {
        var index = Column(column);
        return Rows.Select(r => r[index]);
    }

    public static CsvFile Parse(byte[] bytes)
    {
        var hasBom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var text = StrictUtf8.GetString(bytes, hasBom ? 3 : 0, bytes.Length - (hasBom ? 3 : 0));
        var records = ParseRecords(text);
        if (records.Count == 0)
        {
            throw new FormatException("no header row");
        }

        var header = records[0];
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Length != header.Length)
            {
                throw new FormatException($"record {i} has {records[i].Length} fields, the header {header.Length}");
            }
        }

        return new CsvFile(hasBom, header, records.Skip(1).ToList());
    }

    public static List<string[]> ParseRecords(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var inQuotes = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    inQuotes = false;
                    var next = i + 1 < text.Length ? text[i + 1] : '\r';
                    if (next != ',' && next != '\r')
                    {
                        throw new FormatException($"text after a closing quote at {i}");
                    }
                }
                else
                {
                    field.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !quoted:
                    quoted = inQuotes = true;
                    break;
                case '"':
                    throw new FormatException($"quote inside an unquoted field at {i}");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    quoted = false;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    quoted = false;
                    records.Add([.. fields]);
                    fields.Clear();
                    i++;
                    break;
                case '\r' or '\n':
                    throw new FormatException($"bare line break at {i}");
                default:
                    field.Append(c);
                    break;
            }

            i++;
        }

        if (inQuotes)
        {
            throw new FormatException("the file ends inside a quoted field");
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            throw new FormatException("the last record has no line end");
        }

        return records;
    }
}
