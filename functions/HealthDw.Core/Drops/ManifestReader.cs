using System.Text.Json;

namespace HealthDw.Core.Drops;

/// <summary>Reads a drop manifest; a broken one is an error that names the file, never a guess.</summary>
public static class ManifestReader
{
    public static DropManifest Read(string name, ReadOnlySpan<byte> json)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize(json, ManifestJsonContext.Default.DropManifest)
                ?? throw new ManifestException(name, 1, 1, "the manifest is empty");
            RequireListedFields(name, json);
            return manifest;
        }
        catch (ControlTotalsJsonConverter.ProblemException e)
        {
            throw new ManifestException(name, Line(e), Column(e), $"not a valid manifest: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new ManifestException(name, Line(e), Column(e), "not a valid manifest: expected "
                + "{\"drop\": ..., \"files\": [{\"name\", \"table\", \"rows\", ...}], \"control_totals\": {...}}");
        }
    }

    private static int? Line(JsonException e) => e.LineNumber is { } line ? (int)line + 1 : null;

    private static int? Column(JsonException e) => e.BytePositionInLine is { } column ? (int)column + 1 : null;

    /// <summary>The fields warehouse/schemas/manifest.schema.json requires: absent, the serializer would read a count as 0
    /// and a drop would be judged against a row count the vendor never gave.</summary>
    private static readonly string[] Required = ["drop", "files"];

    private static readonly string[] RequiredPerFile = ["name", "table", "rows", "bytes"];

    private static void RequireListedFields(string name, ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        foreach (var field in Required.Where(f => !root.TryGetProperty(f, out _)))
            throw new ManifestException(name, null, null, $"not a valid manifest: \"{field}\" is missing (warehouse/schemas/manifest.schema.json)");
        var index = 0;
        foreach (var file in root.GetProperty("files").EnumerateArray())
        {
            index++;
            foreach (var field in RequiredPerFile.Where(f => !file.TryGetProperty(f, out var value) || value.ValueKind == JsonValueKind.Null))
                throw new ManifestException(name, null, null, $"not a valid manifest: file {index} has no \"{field}\" (warehouse/schemas/manifest.schema.json)");
        }
    }
}
