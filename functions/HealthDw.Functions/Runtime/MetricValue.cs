namespace HealthDw.Functions.Runtime;

/// <summary>One metric of an embedded-metric-format line.</summary>
public readonly record struct MetricValue(string Name, MetricUnit Unit, double Value);
