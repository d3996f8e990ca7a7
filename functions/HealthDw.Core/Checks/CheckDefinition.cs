namespace HealthDw.Core.Checks;

/// <summary>One check of a <c>checks/**.yml</c> file, as written (<see cref="Text"/>) and as understood.</summary>
/// <param name="Table">A model name, or <c>staging.&lt;table&gt;</c> for a staging table.</param>
/// <param name="Columns">The metric's columns (empty for row_count).</param>
/// <param name="Fail">Breaking this fails the check (and blocks the publish).</param>
/// <param name="Warn">Breaking this warns.</param>
/// <param name="Validity">valid min/max/values/regex/length and missing values, for missing and invalid metrics.</param>
/// <param name="Other">The other table of a reference or same-as check.</param>
/// <param name="Schema">The schema check's rules (for <see cref="MetricKind.Schema"/>).</param>
public sealed record CheckDefinition(
    string Table, string Text, MetricKind Metric, IReadOnlyList<string> Columns,
    Threshold? Fail, Threshold? Warn, Validity Validity, string? Other, IReadOnlyList<string> OtherColumns,
    SchemaRules? Schema, string File, int Line)
{
    public string Name => Text;

    /// <summary>The checked column holds PHI: its contract marks it <c>phi: true</c>, or the check is on a model that reads
    /// such a table (see <see cref="Publishing.PhiLineage"/>). Set when the project is loaded.</summary>
    public bool OverPhi { get; init; }

    /// <summary>The metric's result is a cell of the column, or a figure a cell can be read back from (min, max, avg and
    /// sum equal the cell on a table of one row; freshness is the latest date less the drop's time), not a count.</summary>
    public bool MeasuresCells => Metric is MetricKind.Min or MetricKind.Max or MetricKind.Avg or MetricKind.Sum or MetricKind.Freshness;

    /// <summary>The measured value never leaves the warehouse: the result carries the outcome and the threshold only.</summary>
    public bool HidesValue => OverPhi && MeasuresCells;
}
