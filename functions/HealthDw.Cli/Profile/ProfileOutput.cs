using System.Globalization;
using System.Text;
using System.Text.Json;
using HealthDw.Core.Profiling;
using Spectre.Console;

namespace HealthDw.Cli.Profile;

/// <summary>A <see cref="DataProfile"/> as a terminal table or as JSON. A hidden column's value cells say why
/// (<c>phi: hidden</c>); without <c>--show-values</c> there are no value cells at all.</summary>
public static class ProfileOutput
{
    public static void Write(IAnsiConsole console, DataProfile profile)
    {
        var title = $"{profile.Source}: {N(profile.Rows)} rows"
            + (profile.Contract is { } c ? $" (contract {c})" : " (no contract: no column's values are shown)")
            + (profile.MalformedRows > 0 ? $", {N(profile.MalformedRows)} malformed records left out" : "");
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title)).AddColumn("column").AddColumn("type");
        foreach (var h in new[] { "nulls", "distinct", "min len", "max len" }) table.AddColumn(new TableColumn(h).RightAligned());
        if (profile.ValuesShown) table.AddColumn("min").AddColumn("max").AddColumn("top values (rows)");
        foreach (var column in profile.Columns)
        {
            var cells = new List<string>
            {
                Markup.Escape(column.Name), Markup.Escape(column.Type), N(column.Nulls),
                (column.DistinctAtLeast ? "> " : "") + N(column.Distinct), Length(column.MinLength), Length(column.MaxLength),
            };
            if (profile.ValuesShown)
            {
                if (column.HiddenBecause is { } why)
                    cells.AddRange(Enumerable.Repeat(Markup.Escape($"{why}: hidden"), 3));
                else
                    cells.AddRange([Markup.Escape(column.Min ?? ""), Markup.Escape(column.Max ?? ""),
                        Markup.Escape(TopValues(column))]);
            }

            table.AddRow(cells.ToArray());
        }

        console.Write(table);
        console.MarkupLine(Markup.Escape(profile.ValuesShown
            ? $"distinct: {profile.Distinct}. Columns marked phi: true in their contract never show a value."
            : $"distinct: {profile.Distinct}. No cell value is shown; --show-values adds min, max and top values of the columns not marked phi: true."));
    }

    public static string Json(DataProfile profile)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("source", profile.Source);
            json.WriteString("contract", profile.Contract);
            json.WriteNumber("rows", profile.Rows);
            json.WriteNumber("malformedRows", profile.MalformedRows);
            json.WriteBoolean("valuesShown", profile.ValuesShown);
            json.WriteString("distinct", profile.Distinct);
            json.WriteStartArray("columns");
            foreach (var c in profile.Columns)
            {
                json.WriteStartObject();
                json.WriteString("name", c.Name);
                json.WriteString("type", c.Type);
                json.WriteBoolean("phi", c.HiddenBecause == DataProfile.HiddenPhi);
                json.WriteString("hidden", c.HiddenBecause);
                json.WriteNumber("nulls", c.Nulls);
                json.WriteNumber("distinct", c.Distinct);
                json.WriteBoolean("distinctIsLowerBound", c.DistinctAtLeast);
                Number(json, "minLength", c.MinLength);
                Number(json, "maxLength", c.MaxLength);
                if (profile.ValuesShown && c.HiddenBecause is null)
                {
                    json.WriteString("min", c.Min);
                    json.WriteString("max", c.Max);
                    json.WriteStartArray("topValues");
                    foreach (var v in c.TopValues)
                    {
                        json.WriteStartObject();
                        json.WriteString("value", v.Value);
                        json.WriteNumber("rows", v.Count);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Number(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    /// <summary>A key-like column's top values are each held by one row: saying so tells more than five of them.</summary>
    private static string TopValues(ColumnProfile column) =>
        column.TopValues.Count > 0 && column.TopValues.All(v => v.Count == 1)
            ? "(every value once)"
            : string.Join(", ", column.TopValues.Select(v => $"{v.Value} ({N(v.Count)})"));

    private static string Length(long? value) => value is { } v ? N(v) : "";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
