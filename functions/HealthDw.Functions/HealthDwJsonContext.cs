using System.Text.Json.Serialization;
using HealthDw.Functions.Events;
using HealthDw.Functions.Steps;

namespace HealthDw.Functions;

/// <summary>Every type that crosses a step boundary, serialised without reflection (trim/AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(S3ObjectCreatedEvent))]
[JsonSerializable(typeof(RouteResult))]
[JsonSerializable(typeof(FileRef))]
[JsonSerializable(typeof(CheckResult))]
[JsonSerializable(typeof(ArchiveRequest))]
[JsonSerializable(typeof(ArchiveResult))]
[JsonSerializable(typeof(ErrorReport))]
public sealed partial class HealthDwJsonContext : JsonSerializerContext;
