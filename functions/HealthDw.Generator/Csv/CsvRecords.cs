using System.Text;

namespace HealthDw.Generator.Csv;

/// <summary>A small RFC 4180 reader and writer for the few-hundred-row samples the faults start from.</summary>
internal static class CsvRecords
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    inQuotes = false;
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }

    public static string Format(IEnumerable<string[]> records, char separator = ',')
    {
        var text = new StringBuilder();
        foreach (var record in records)
        {
            AppendRecord(text, record, separator);
        }

        return text.ToString();
    }

    public static void AppendRecord(StringBuilder text, IReadOnlyList<string> record, char separator = ',')
    {
        for (var i = 0; i < record.Count; i++)
        {
            if (i > 0)
            {
                text.Append(separator);
            }

            text.Append(Field(record[i], separator));
        }

        text.Append("\r\n");
    }

    public static string Field(string value, char separator = ',') =>
        value.AsSpan().IndexOfAny(separator, '"', '\r') >= 0 || value.Contains('\n', StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
