using System.Buffers;
using System.Text.Json;

namespace HealthDw.Lambda;

/// <summary>
/// One structured log line per step invocation: the request id, the step, and the execution id,
/// drop id and file key found in the step's input, with the outcome's status and counts. Ids,
/// keys and counts only: never a cell value (no step input or output carries one).
/// </summary>
public static class StepLogLine
{
    public static string Write(string step, string requestId, ReadOnlySpan<byte> input, ReadOnlySpan<byte> output, DateTimeOffset at)
    {
        using var inDoc = JsonDocument.Parse(input.ToArray());
        using var outDoc = JsonDocument.Parse(output.ToArray());
        var root = inDoc.RootElement;
        var file = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("file", out var f) && f.ValueKind == JsonValueKind.Object ? f : root;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", "INFO");
            json.WriteString("service", "healthdw");
            json.WriteString("message", "step");
            json.WriteString("step", step);
            json.WriteString("requestId", requestId);
            WriteIfString(json, "executionId", Find(root, "executionId") ?? Find(file, "executionId"));
            WriteIfString(json, "dropId", Find(root, "dropId") ?? Find(file, "dropId"));
            WriteIfString(json, "fileKey", Find(file, "key") ?? EventKey(root));
            var result = outDoc.RootElement;
            if (result.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in new[] { "status", "kind", "outcome" }) WriteIfString(json, name, Find(result, name));
                foreach (var name in new[] { "rows", "problemCount" })
                {
                    if (result.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number) json.WriteNumber(name, n.GetInt64());
                }

                if (result.TryGetProperty("published", out var p) && p.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    json.WriteBoolean("published", p.GetBoolean());
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? Find(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? EventKey(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("event", out var e) && e.TryGetProperty("detail", out var d)
        && d.TryGetProperty("object", out var o) ? Find(o, "key") : null;

    private static void WriteIfString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
    }
}
