using System.Text.Json;

namespace HealthDw.Core.Drops;

/// <summary>Reads a drop manifest; a broken one is an error that names the file, never a guess.</summary>
public static class ManifestReader
{
    public static DropManifest Read(string name, ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ManifestJsonContext.Default.DropManifest)
                ?? throw new InvalidDataException($"{name}: the manifest is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}: not a valid manifest (line {e.LineNumber + 1}, byte {e.BytePositionInLine}): expected "
                + "{\"drop\": ..., \"files\": [{\"name\", \"table\", \"rows\", ...}]}", e);
        }
    }
}
