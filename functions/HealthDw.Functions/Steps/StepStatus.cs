namespace HealthDw.Functions.Steps;

public static class StepStatus
{
    public const string Routed = "routed";
    public const string Ignored = "ignored";
    public const string Control = "control";
    public const string Unknown = "unknown";
    public const string Valid = "valid";
    public const string Loaded = "loaded";
    public const string AlreadyLoaded = "already_loaded";
    public const string Rejected = "rejected";

    /// <summary>Another execution of the same file version refused it and archived it to error_files/: this one yields.</summary>
    public const string AlreadyRejected = "already_rejected";
    public const string Running = "running";
    public const string Processed = "processed";
}
