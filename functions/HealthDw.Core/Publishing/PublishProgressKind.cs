namespace HealthDw.Core.Publishing;

/// <summary>What a <see cref="PublishProgress"/> reports.</summary>
public enum PublishProgressKind
{
    ModelStarted,
    ModelBuilt,
    ChecksStarted,
    CheckEvaluated,
}
