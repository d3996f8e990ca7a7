namespace HealthDw.Core.Checks;

/// <summary>One check evaluated: the metric's value (a count, percent, hours...), the outcome, and
/// a line for people. No cell values: metrics are aggregates. <see cref="FailedRows"/> samples the
/// rows that broke a failed or warned check by their key and source line only; they stay in the
/// warehouse's audit schema and never reach a message.</summary>
public sealed record CheckResult(CheckDefinition Check, double? Value, CheckOutcome Outcome, string Detail)
{
    public IReadOnlyList<string> FailedRows { get; init; } = [];

    public string Threshold => Check.Fail?.ToString() ?? Check.Warn?.ToString() ?? "";
}
