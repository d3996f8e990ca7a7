namespace HealthDw.Core.Checks;

/// <summary>One check evaluated: the metric's value (a count, percent, hours...), the outcome, and
/// a line for people. No cell values: metrics are aggregates.</summary>
public sealed record CheckResult(CheckDefinition Check, double? Value, CheckOutcome Outcome, string Detail)
{
    public string Threshold => Check.Fail?.ToString() ?? Check.Warn?.ToString() ?? "";
}
