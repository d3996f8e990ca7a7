namespace HealthDw.Core.Pipeline;

/// <summary>The drop bucket's layout as <see cref="StepContract"/> writes it down; <see cref="BucketLayout"/> is the code
/// that builds the keys, and a test holds the two equal.</summary>
public sealed record ContractBucket
{
    /// <summary>Every top-level prefix by its name (raw, processed, errors), each ending in '/'.</summary>
    public required IReadOnlyDictionary<string, string> Prefixes { get; init; }

    public required string UnroutedFolder { get; init; }

    public required string ErrorReportSuffix { get; init; }

    /// <summary>The manifest's file name, with <c>{drop}</c> for the drop id.</summary>
    public required string Manifest { get; init; }
}
