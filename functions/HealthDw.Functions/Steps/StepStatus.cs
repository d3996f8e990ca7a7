using System.Text.Json.Serialization;

namespace HealthDw.Functions.Steps;

/// <summary>What a file step answered: Route File's kind, Validate File's and Load To Staging's status, Archive File's
/// outcome. On the wire each is the snake_case name below, which statemachine/*.asl.json's Choice states compare
/// (StepStatusWireNameTests holds the two together).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepStatus>))]
public enum StepStatus
{
    [JsonStringEnumMemberName("routed")] Routed,
    [JsonStringEnumMemberName("ignored")] Ignored,
    [JsonStringEnumMemberName("control")] Control,
    [JsonStringEnumMemberName("unknown")] Unknown,
    [JsonStringEnumMemberName("valid")] Valid,
    [JsonStringEnumMemberName("loaded")] Loaded,
    [JsonStringEnumMemberName("already_loaded")] AlreadyLoaded,
    [JsonStringEnumMemberName("rejected")] Rejected,

    /// <summary>Another execution of the same file version refused it and archived it to error_files/: this one yields.</summary>
    [JsonStringEnumMemberName("already_rejected")] AlreadyRejected,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("processed")] Processed,
}
