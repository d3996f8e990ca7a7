using System.Text.Json.Serialization;

namespace HealthDw.Core.Drops;

/// <summary>The vendor's control file <c>_manifest_&lt;drop&gt;.json</c>: every file of the drop with its row count.</summary>
/// <param name="ControlTotals">The source system's own figures for the drop's files (measure → figure), which
/// <c>reconciliations.yml</c> compares with the warehouse's; null when the manifest carries none.</param>
public sealed record DropManifest(
    string Drop, IReadOnlyList<ManifestFile> Files,
    [property: JsonPropertyName("control_totals"), JsonConverter(typeof(ControlTotalsJsonConverter))] IReadOnlyDictionary<string, decimal>? ControlTotals = null);

public sealed record ManifestFile(string Name, string Table, int? Part, long Rows, long Bytes, string? Sha256);
