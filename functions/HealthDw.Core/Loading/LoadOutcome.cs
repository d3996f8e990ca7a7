using HealthDw.Core.Validation;

namespace HealthDw.Core.Loading;

/// <summary>What loading one file did. Problems carry positions and rules, never values.</summary>
public sealed record LoadOutcome(
    LoadStatus Status,
    Guid LoadId,
    long Rows,
    long Bytes,
    TimeSpan Duration,
    long ProblemCount,
    IReadOnlyList<FileProblem> Problems,
    IReadOnlyList<string> DeferredReferences);
