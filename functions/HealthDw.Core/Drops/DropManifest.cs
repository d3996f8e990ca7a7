namespace HealthDw.Core.Drops;

/// <summary>The vendor's control file <c>_manifest_&lt;drop&gt;.json</c>: every file of the drop with its row count.</summary>
public sealed record DropManifest(string Drop, IReadOnlyList<ManifestFile> Files);

public sealed record ManifestFile(string Name, string Table, int? Part, long Rows, long Bytes, string? Sha256);
