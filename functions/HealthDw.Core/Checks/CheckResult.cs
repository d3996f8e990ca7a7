namespace HealthDw.Core.Checks;

/// <summary>One check evaluated: the metric's value (a count, percent, hours...; null when <see cref="CheckDefinition.HidesValue"/>), the outcome, and
/// a line for people. No cell values: metrics are aggregates. <see cref="FailedRows"/> samples the
/// rows that broke a failed or warned check by their key and source line only; they stay in the
/// warehouse's audit schema and never reach a message.</summary>
public sealed record CheckResult(CheckDefinition Check, double? Value, CheckOutcome Outcome, string Detail)
{
    public IReadOnlyList<string> FailedRows { get; init; } = [];

    /// <summary>Where a few rows that broke the check came from: the file's key and line (<c>_source_key</c>,
    /// <c>_source_line</c>), where the relation carries them. Positions only, so they may be shown in messages.</summary>
    public IReadOnlyList<string> Positions { get; init; } = [];

    /// <summary>"; at raw_files/x.csv line 4; …" for a message, or nothing when the rows' positions are not known.</summary>
    public string At => Positions.Count > 0 ? $"; at {string.Join("; ", Positions)}" : "";

    public string Threshold => Check.Fail?.ToString() ?? Check.Warn?.ToString() ?? "";
}
