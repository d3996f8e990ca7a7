using System.Globalization;
using System.Text.Json;

namespace HealthDw.Generator.Manifest;

/// <summary>
/// Writes <c>_manifest_&lt;drop&gt;.json</c> by hand with <see cref="Utf8JsonWriter"/> (no reflection,
/// AOT-safe): UTF-8 without BOM, indented with LF, fields in a fixed order.
/// </summary>
internal static class ManifestWriter
{
    public static string FileName(string dropId) => $"_manifest_{dropId}.json";

    public static void Write(Stream output, string dropId, IEnumerable<GeneratedFile> files, ControlTotals totals)
    {
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("drop", dropId);
            json.WriteStartArray("files");
            foreach (var file in files)
            {
                json.WriteStartObject();
                json.WriteString("name", file.Name);
                json.WriteString("table", file.Table);
                if (file.Part is { } part)
                {
                    json.WriteNumber("part", part);
                }
                else
                {
                    json.WriteNull("part");
                }

                json.WriteNumber("rows", file.Rows);
                json.WriteNumber("bytes", file.Bytes);
                json.WriteString("sha256", file.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            // A count as a JSON integer; money as a string of its exact decimal, as exporters that hold money as decimals write it.
            json.WriteStartObject("control_totals");
            json.WriteNumber("appointments", totals.Appointments);
            json.WriteString("billed_amount", (totals.BilledCents / 100m).ToString("0.00", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.Write("\n"u8);
    }
}
