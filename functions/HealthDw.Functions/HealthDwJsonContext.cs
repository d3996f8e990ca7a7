using HealthDw.Core.Ports;
using System.Text.Json.Serialization;
using HealthDw.Functions.Events;
using HealthDw.Functions.Steps;

namespace HealthDw.Functions;

/// <summary>Every type that crosses a step boundary, serialised without reflection (trim/AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(S3ObjectCreatedEvent))]
[JsonSerializable(typeof(RouteResult))]
[JsonSerializable(typeof(RouteRequest))]
[JsonSerializable(typeof(FileRef))]
[JsonSerializable(typeof(HealthDw.Core.Loading.RoutedFile))]
[JsonSerializable(typeof(FileVerdict))]
[JsonSerializable(typeof(ArchiveRequest))]
[JsonSerializable(typeof(ArchiveResult))]
[JsonSerializable(typeof(ErrorReport))]
[JsonSerializable(typeof(DropStatusRequest))]
[JsonSerializable(typeof(HealthDw.Core.Drops.DropState))]
[JsonSerializable(typeof(NotifyRequest))]
[JsonSerializable(typeof(NotifyResult))]
[JsonSerializable(typeof(PublishDropResult))]
[JsonSerializable(typeof(PublishPhaseRequest))]
[JsonSerializable(typeof(HealthDw.Core.Ports.PublishAttemptEvent))]
[JsonSerializable(typeof(HealthDw.Core.Models.BuildProgress))]
[JsonSerializable(typeof(HealthDw.Core.Checks.CheckProgress))]
[JsonSerializable(typeof(ReconcileResult))]
[JsonSerializable(typeof(LoadStatusRequest))]
[JsonSerializable(typeof(HealthDw.Core.Ports.Notification))]
public sealed partial class HealthDwJsonContext : JsonSerializerContext
{
    /// <summary>The same types indented, with <c>&lt;</c>, <c>&gt;</c> and non-ASCII written as they are: for files people
    /// read (error reports); never embedded in HTML.</summary>
    public static HealthDwJsonContext Readable { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The same types on one line each, for JSON-lines files and log lines.</summary>
    public static HealthDwJsonContext Compact { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file people read; never embedded in HTML
    });
}
