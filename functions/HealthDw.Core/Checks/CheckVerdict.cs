namespace HealthDw.Core.Checks;

/// <summary>One check's result as the workflow carries it to Publish or Discard: the check by its position in the
/// project, the metric, the outcome (pass, warn, fail) and the line for people. Aggregates only: no row, no key value.</summary>
public sealed record CheckVerdict(int Index, string Table, string Check, string Outcome, double? Value, string Detail)
{
    public static CheckVerdict Of(CheckResult result, IReadOnlyList<CheckDefinition> checks) =>
        new(IndexOf(result.Check, checks), result.Check.Table, result.Check.Name, result.Outcome.ToString().ToLowerInvariant(), result.Value, result.Detail);

    /// <summary>The result again, with its check; refused when the checks changed under a running workflow.</summary>
    public CheckResult ToResult(IReadOnlyList<CheckDefinition> checks) =>
        Index >= 0 && Index < checks.Count && checks[Index].Name == Check && checks[Index].Table == Table
            ? new CheckResult(checks[Index], Value, Enum.Parse<CheckOutcome>(Outcome, ignoreCase: true), Detail)
            : throw new InvalidOperationException($"check {Table}: {Check} is no longer check #{Index} of the project: the checks changed during the publish; publish the drop again");

    private static int IndexOf(CheckDefinition check, IReadOnlyList<CheckDefinition> checks)
    {
        for (var i = 0; i < checks.Count; i++)
        {
            if (ReferenceEquals(checks[i], check)) return i;
        }

        throw new ArgumentException($"check {check.Table}: {check.Name} is not one of the project's checks", nameof(check));
    }
}
