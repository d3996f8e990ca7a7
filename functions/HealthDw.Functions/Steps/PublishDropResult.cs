namespace HealthDw.Functions.Steps;

/// <summary>Publish or Discard's output: the decision and the digest to send.</summary>
/// <param name="LoadedDuringPublish">Files of the drop loaded after the build began and before the decision: the build may
/// not hold them, and the digest says so.</param>
public sealed record PublishDropResult(string DropId, bool Published, string Summary, IReadOnlyList<string> Lines, IReadOnlyList<string> Blockers,
    int LoadedDuringPublish = 0);
