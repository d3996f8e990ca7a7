using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.Json;

/// <summary>
/// Writes JSON values as compact text the way Step Functions shows them (no indentation,
/// non-ASCII kept as is), and parses text with the options the interpreter uses everywhere.
/// Everything goes through <see cref="Utf8JsonWriter"/> and <see cref="JsonNode"/>, never reflection.
/// </summary>
internal static class JsonText
{
    public static string Compact(JsonNode? node)
    {
        if (node is null)
            return "null";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            node.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Indented(JsonNode? node)
    {
        if (node is null)
            return "null";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            node.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses JSON text; throws <see cref="JsonException"/> on malformed text.</summary>
    public static JsonNode? Parse(string text) =>
        JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });

    /// <summary>A deep copy, so that a value can be placed in a second tree.</summary>
    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();
}
