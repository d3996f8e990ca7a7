using System.Text.Json.Serialization;

namespace HealthDw.Core.Drops;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DropManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
