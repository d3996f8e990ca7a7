using Amazon.CDK.Assertions;
using HealthDw.Infra.Tests.Support;
using static HealthDw.Infra.Tests.Support.Json;

namespace HealthDw.Infra.Tests.Snowflake;

/// <summary>The role Snowflake's storage integration assumes: trusted through two stack parameters; its permissions are in IdentityPolicyTests.</summary>
[Collection(InfraCollection.Name)]
public sealed class SnowflakeStorageRoleTests(SynthesizedApp app)
{
    private readonly Template _dev = app.Dev.Template;

    [Fact]
    public void Parameters_WhenNotGiven_ShouldDefaultToPendingValues()
    {
        _dev.HasParameter("SnowflakePrincipalArn", Like(("Type", "String"), ("Default", "")));
        _dev.HasParameter("SnowflakeExternalId", Like(("Type", "String"), ("Default", "pending-snowflake-setup"), ("MinLength", 2)));
        _dev.HasCondition("SnowflakePrincipalPending", Obj(("Fn::Equals", Arr(Obj(("Ref", "SnowflakePrincipalArn")), ""))));
    }

    [Fact]
    public void Role_WhenAssumed_ShouldTrustTheSnowflakePrincipalWithTheExternalIdOnly()
    {
        _dev.HasResourceProperties("AWS::IAM::Role", Like(
            ("RoleName", "healthdw-dev-snowflake-s3"),
            ("MaxSessionDuration", 3600),
            ("AssumeRolePolicyDocument", Like(("Statement", Arr(Obj(
                ("Effect", "Allow"),
                ("Action", "sts:AssumeRole"),
                ("Principal", Obj(("AWS", Obj(("Fn::If", Arr(
                    "SnowflakePrincipalPending",
                    Match.AnyValue(), // this account's root until DESC INTEGRATION gives the principal
                    Obj(("Ref", "SnowflakePrincipalArn")))))))),
                ("Condition", Obj(("StringEquals", Obj(("sts:ExternalId", Obj(("Ref", "SnowflakeExternalId"))))))))))))));
        var trust = app.Dev.Properties("AWS::IAM::Role", "SnowflakeStorageRole")["AssumeRolePolicyDocument"]!;
        CfnText.Render(trust["Statement"]![0]!["Principal"]!["AWS"], app.Dev.Resources)
            .Should().Be("if SnowflakePrincipalPending then arn:${AWS::Partition}:iam::${AWS::AccountId}:root else SnowflakePrincipalArn");
    }

    [Fact]
    public void Stack_WhenDeployed_ShouldOutputTheRoleArnForTheStorageIntegration()
    {
        _dev.HasOutput("SnowflakeStorageRoleArn", Like(("Value", Ids.Arn("SnowflakeStorageRole"))));
    }
}
