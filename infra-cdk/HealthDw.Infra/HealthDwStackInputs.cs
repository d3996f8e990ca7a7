using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using HealthDw.Infra.Configuration;

namespace HealthDw.Infra;

/// <summary>What one stage's stack is built from, besides the stack's own properties.</summary>
public sealed record HealthDwStackInputs(StageSettings Stage, RepoLayout Layout, Code LambdaCode, IReadOnlyDictionary<string, string> ExtensionLayerArns)
{
    public StackProps StackProps() => new()
    {
        Env = Stage.Account is null && Stage.Region is null
            ? null
            : new Amazon.CDK.Environment { Account = Stage.Account, Region = Stage.Region },
        Description = $"HealthDw {Stage.Name}: EMR drops from S3 through Step Functions and Lambda into Snowflake",
        TerminationProtection = Stage.TerminationProtection,
    };
}
