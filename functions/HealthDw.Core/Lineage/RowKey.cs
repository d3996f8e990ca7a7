namespace HealthDw.Core.Lineage;

/// <summary>
/// The KEY of <c>healthdw trace MODEL KEY</c>, against the model's key columns. A one-column key is the value as typed
/// (<c>1042</c>, or <c>appointment_pk=1042</c>). A composite key lists its values in the order of the model's
/// <c>unique_key</c>, separated by commas (<c>14,2026-11-03</c>), or names them (<c>appt_date=2026-11-03,provider_pk=14</c>);
/// a value that holds a comma is quoted as in CSV (<c>"Acme Health Plan, Inc.",2025-01-01</c>; a quote inside is doubled).
/// Values compare as text with the column cast to varchar: dates are written yyyy-MM-dd.
/// </summary>
public sealed record RowKey(IReadOnlyList<KeyValuePair<string, string>> Parts)
{
    public static RowKey Parse(string model, IReadOnlyList<string> columns, string text)
    {
        var written = string.Join(",", columns);
        if (columns.Count == 1)
        {
            var prefix = columns[0] + "=";
            var value = text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;
            return new RowKey([KeyValuePair.Create(columns[0], value)]);
        }

        var pieces = Split(text);
        if (pieces.Count != columns.Count)
            throw new RowTraceException($"{model}'s key is {written}: write {columns.Count} values separated by commas in that order, or name them as column=value");
        if (pieces.All(p => p.Contains('=', StringComparison.Ordinal)))
        {
            var named = pieces.Select(p => p.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1], StringComparer.Ordinal);
            if (columns.FirstOrDefault(c => !named.ContainsKey(c)) is { } missing)
                throw new RowTraceException($"{model}'s key is {written}: '{missing}' is not given");
            return new RowKey(columns.Select(c => KeyValuePair.Create(c, named[c])).ToList());
        }

        return new RowKey(columns.Zip(pieces, KeyValuePair.Create).ToList());
    }

    /// <summary>The key as <c>column=value, ...</c>: how the trace prints it (a value with a comma or a quote is quoted).</summary>
    public override string ToString() => string.Join(", ", Parts.Select(p => $"{p.Key}={Quote(p.Value)}"));

    /// <summary>A value as KEY takes it: quoted when it holds a comma or a quote.</summary>
    public static string Quote(string value) =>
        value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    /// <summary>Splits on the commas outside double quotes; a quoted piece (or the value after <c>column=</c>) loses its quotes.</summary>
    private static List<string> Split(string text)
    {
        var pieces = new List<string>();
        var piece = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' && quoted && i + 1 < text.Length && text[i + 1] == '"') piece.Append(text[++i]);
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                pieces.Add(piece.ToString());
                piece.Clear();
            }
            else piece.Append(c);
        }

        pieces.Add(piece.ToString());
        return pieces;
    }
}
