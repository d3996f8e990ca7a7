namespace HealthDw.Core.Checks;

/// <summary>The SodaCL metrics this project compiles to SQL.</summary>
public enum MetricKind
{
    RowCount,
    MissingCount,
    MissingPercent,
    InvalidCount,
    InvalidPercent,
    DuplicateCount,
    DuplicatePercent,
    Min,
    Max,
    Avg,
    Sum,
    Freshness,
    RowCountSameAs,
    Reference,
    Schema,
}
