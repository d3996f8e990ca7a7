namespace HealthDw.Infra.Tests.Support;

/// <summary>
/// One allowed action on one resource, with its condition if any: "s3:GetObject on DataBucket/raw_files/*".
/// <paramref name="If"/> names the CloudFormation condition without which the statement (or its whole policy) does not exist.
/// </summary>
public sealed record Permission(string Principal, string Effect, string Action, string Resource, string Condition, string If = "")
{
    /// <summary>How the expectation tables spell it: "action on resource[ when condition][ if CfnCondition]".</summary>
    public string Text => (Condition.Length == 0 ? $"{Action} on {Resource}" : $"{Action} on {Resource} when {Condition}")
        + (If.Length == 0 ? "" : $" if {If}");

    public override string ToString() => $"{Principal}: {Effect} {Text}";
}
