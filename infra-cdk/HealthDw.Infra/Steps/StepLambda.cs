using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SecretsManager;
using HealthDw.Infra.Configuration;
using HealthDw.Infra.Secrets;
using HealthDw.Infra.Storage;

namespace HealthDw.Infra.Steps;

/// <summary>
/// One step's function: the shared bootstrap package with <c>_HANDLER</c> = the step's name, its own role
/// (built from its <see cref="StepSpec"/> only) and its own log group with the stage's retention.
/// </summary>
public sealed class StepLambda
{
    public StepLambda(Stack scope, StepSpec spec, StepLambdaContext context)
    {
        Spec = spec;
        var stage = context.Stage;
        var name = $"healthdw-{stage.Name}-{spec.Handler}";
        var id = spec.PascalName;

        LogGroup = new LogGroup(scope, id + "LogGroup", new LogGroupProps
        {
            LogGroupName = "/aws/lambda/" + name,
            Retention = RetentionSetting.FromDays(stage.LogRetentionDays, stage.Name),
            RemovalPolicy = RetentionSetting.LogGroupRemoval(stage),
        });

        // No AWSLambdaBasicExecutionRole: its logs actions apply to every log group ("*").
        Role = new Role(scope, id + "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = $"HealthDw {stage.Name} {spec.Handler}: only what this step needs",
        });
        LogGroup.GrantWrite(Role);
        AddDataAccess(scope, spec, context.Storage);
        if (spec.Secrets.HasFlag(StepSecrets.SnowflakeKey)) AddSecretRead("ReadSnowflakeKey", context.Secrets.SnowflakeKey);
        if (spec.Secrets.HasFlag(StepSecrets.SlackWebhook)) AddSecretRead("ReadSlackWebhook", context.Secrets.SlackWebhook);

        Function = new Function(scope, id + "Function", new FunctionProps
        {
            FunctionName = name,
            Description = spec.Description,
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = Architecture.X86_64,
            Handler = spec.Handler,
            Code = context.Code,
            MemorySize = spec.MemoryMb,
            Timeout = Duration.Seconds(spec.TimeoutSeconds),
            ReservedConcurrentExecutions = spec.ReservedConcurrency,
            Role = Role,
            LogGroup = LogGroup,
            Tracing = Tracing.ACTIVE, // adds xray:PutTraceSegments/PutTelemetryRecords on "*": X-Ray has no resource-level permissions
            ParamsAndSecrets = context.ParamsAndSecrets,
            Environment = EnvironmentOf(spec, context),
        });
    }

    public StepSpec Spec { get; }

    public Function Function { get; }

    public Role Role { get; }

    public LogGroup LogGroup { get; }

    /// <summary>GetSecretValue only (the extension's one call); Secret.GrantRead would add DescribeSecret too.</summary>
    private void AddSecretRead(string sid, ISecret secret) =>
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = sid,
            Actions = ["secretsmanager:GetSecretValue"],
            Resources = [secret.SecretArn],
        }));

    private void AddDataAccess(Stack scope, StepSpec spec, DataStorage storage)
    {
        var bucket = storage.DataBucket;
        foreach (var access in spec.Objects)
        {
            Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Sid = "Objects" + access.FolderName,
                Actions = [.. access.Actions],
                Resources = [bucket.ArnForObjects(access.KeyPattern)],
            }));
        }

        if (spec.ListsBucket)
        {
            Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Sid = "ListBucket",
                Actions = ["s3:ListBucket"],
                Resources = [bucket.BucketArn],
            }));
        }

        if (spec.DataKey != KmsUse.None) Role.AddToPolicy(DataKeyAccess.Statement("DataKey", storage, spec.DataKey, scope));
    }

    private static Dictionary<string, string> EnvironmentOf(StepSpec spec, StepLambdaContext context)
    {
        var stage = context.Stage;
        var env = new Dictionary<string, string>
        {
            [StepEnvironment.Bucket] = context.Storage.DataBucket.BucketName,
            [StepEnvironment.Stage] = stage.Name,
        };
        if (spec.Secrets.HasFlag(StepSecrets.SlackWebhook)) env[StepEnvironment.SlackSecretId] = context.Secrets.SlackWebhook.SecretArn;
        if (spec.UsesWarehouse)
        {
            var snowflake = stage.Snowflake;
            env[StepEnvironment.SnowflakeKeySecretId] = context.Secrets.SnowflakeKey.SecretArn;
            env[StepEnvironment.SnowflakeAccount] = snowflake.Account;
            env[StepEnvironment.SnowflakeUser] = snowflake.User;
            env[StepEnvironment.SnowflakeRole] = snowflake.Role;
            env[StepEnvironment.SnowflakeWarehouse] = snowflake.Warehouse;
            env[StepEnvironment.SnowflakeDatabase] = snowflake.Database;
            env[StepEnvironment.SnowflakeStage] = snowflake.Stage;
        }

        return env;
    }
}
