namespace HealthDw.Core.Profiling;

/// <summary>One of a column's most frequent values and how many rows hold it.</summary>
public sealed record ValueCount(string Value, long Count);
