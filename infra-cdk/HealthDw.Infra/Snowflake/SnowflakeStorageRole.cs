using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using HealthDw.Infra.Configuration;
using HealthDw.Infra.Storage;
using HealthDw.Infra.Steps;

namespace HealthDw.Infra.Snowflake;

/// <summary>
/// The role Snowflake's storage integration (healthdw_s3, warehouse/snowflake/setup.sql) assumes to read
/// raw_files/ through the external stage. Its trust names the principal and external id that
/// <c>DESC INTEGRATION</c> shows, given as stack parameters; until they are set, the role trusts only this
/// account (with the placeholder external id), and its policy is not created (condition
/// <c>SnowflakePrincipalGiven</c>), so it grants nothing at all.
/// </summary>
public sealed class SnowflakeStorageRole
{
    public const string PendingExternalId = "pending-snowflake-setup";

    public SnowflakeStorageRole(Stack scope, StageSettings stage, DataStorage storage)
    {
        PrincipalArn = new CfnParameter(scope, "SnowflakePrincipalArn", new CfnParameterProps
        {
            Type = "String",
            Default = "",
            AllowedPattern = @"^$|^arn:aws[a-z-]*:iam::\d{12}:(user|role)/\S+$",
            Description = "STORAGE_AWS_IAM_USER_ARN of DESC INTEGRATION healthdw_s3 (empty until the integration exists)",
        });
        ExternalId = new CfnParameter(scope, "SnowflakeExternalId", new CfnParameterProps
        {
            Type = "String",
            Default = PendingExternalId,
            MinLength = 2,
            Description = "STORAGE_AWS_EXTERNAL_ID of DESC INTEGRATION healthdw_s3",
        });
        var pending = new CfnCondition(scope, "SnowflakePrincipalPending", new CfnConditionProps
        {
            Expression = Fn.ConditionEquals(PrincipalArn.ValueAsString, ""),
        });
        // The role's permissions exist only once the integration's principal is given: before that the role is an
        // empty shell that trusts this account, so nobody can read raw_files/ through it, even by assuming it here.
        Granted = new CfnCondition(scope, "SnowflakePrincipalGiven", new CfnConditionProps
        {
            Expression = Fn.ConditionNot(pending),
        });
        var trusted = Fn.ConditionIf(pending.LogicalId,
            $"arn:{Aws.PARTITION}:iam::{Aws.ACCOUNT_ID}:root", PrincipalArn.ValueAsString).ToString()!;

        Role = new Role(scope, "SnowflakeStorageRole", new RoleProps
        {
            RoleName = $"healthdw-{stage.Name}-snowflake-s3",
            Description = "Assumed by Snowflake's storage integration: read raw_files/ of the drop bucket, nothing else",
            AssumedBy = new ArnPrincipal(trusted),
            ExternalIds = [ExternalId.ValueAsString],
            MaxSessionDuration = Duration.Hours(1),
        });

        var bucket = storage.DataBucket;
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ReadRawFiles",
            Actions = ["s3:GetObject", "s3:GetObjectVersion"],
            Resources = [bucket.ArnForObjects(StepCatalog.Raw)],
        }));
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ListRawFiles",
            Actions = ["s3:ListBucket"],
            Resources = [bucket.BucketArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = new[] { StepCatalog.Raw } },
            },
        }));
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "LocateBucket", // Snowflake asks where the bucket is before it reads it
            Actions = ["s3:GetBucketLocation"],
            Resources = [bucket.BucketArn],
        }));
        Role.AddToPolicy(DataKeyAccess.Statement("DecryptRawFiles", storage, KmsUse.Decrypt, scope));
        var policy = (CfnPolicy)Role.Node.FindChild("DefaultPolicy").Node.DefaultChild!;
        policy.CfnOptions.Condition = Granted;
    }

    /// <summary>True once <c>SnowflakePrincipalArn</c> is set: the condition of the role's policy.</summary>
    public CfnCondition Granted { get; }

    public Role Role { get; }

    public CfnParameter PrincipalArn { get; }

    public CfnParameter ExternalId { get; }
}
