namespace HealthDw.Core.Lineage;

/// <summary>
/// The KEY of <c>healthdw trace MODEL KEY</c>, against the model's key columns. A one-column key is the value as typed
/// (<c>1042</c>, or <c>appointment_pk=1042</c>). A composite key lists its values in the order of the model's
/// <c>unique_key</c>, separated by commas (<c>14,2026-11-03</c>), or names them (<c>appt_date=2026-11-03,provider_pk=14</c>).
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

        var pieces = text.Split(',');
        if (pieces.Length != columns.Count)
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

    /// <summary>The key as <c>column=value, ...</c>: how the trace prints it.</summary>
    public override string ToString() => string.Join(", ", Parts.Select(p => $"{p.Key}={p.Value}"));
}
