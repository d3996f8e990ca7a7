namespace HealthDw.Functions.Steps;

/// <summary>Transform, Check And Publish's output: the decision and the digest to send.</summary>
public sealed record PublishDropResult(string DropId, bool Published, string Summary, IReadOnlyList<string> Lines, IReadOnlyList<string> Blockers);
