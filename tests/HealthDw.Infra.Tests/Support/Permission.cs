namespace HealthDw.Infra.Tests.Support;

/// <summary>One allowed action on one resource, with its condition if any: "s3:GetObject on DataBucket/raw_files/*".</summary>
public sealed record Permission(string Principal, string Effect, string Action, string Resource, string Condition)
{
    /// <summary>How the expectation tables spell it: "action on resource[ when condition]".</summary>
    public string Text => Condition.Length == 0 ? $"{Action} on {Resource}" : $"{Action} on {Resource} when {Condition}";

    public override string ToString() => $"{Principal}: {Effect} {Text}";
}
