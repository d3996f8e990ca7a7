namespace HealthDw.Functions.Runtime;

/// <summary>The CloudWatch units an embedded metric may declare (a subset: the ones a step reports).</summary>
public enum MetricUnit
{
    None,
    Count,
    Milliseconds,
    Seconds,
    Bytes,
    Megabytes,
    Percent,
    CountPerSecond,
    BytesPerSecond,
}
