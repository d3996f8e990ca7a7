using System.Text.Json.Serialization;

namespace HealthDw.Core.Pipeline;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(StepContract))]
internal sealed partial class StepContractJsonContext : JsonSerializerContext;
