using Amazon.CDK;
using Constructs;
using HealthDw.Core.Pipeline;
using HealthDw.Infra.Monitoring;
using HealthDw.Infra.Secrets;
using HealthDw.Infra.Snowflake;
using HealthDw.Infra.Steps;
using HealthDw.Infra.Storage;
using HealthDw.Infra.Workflows;

namespace HealthDw.Infra;

/// <summary>
/// One stage of the pipeline: the drop bucket and its key, a function per step, the two workflows and the
/// rule that starts them, the secrets, the role Snowflake reads through, and the alarms.
/// </summary>
public sealed class HealthDwStack : Stack
{
    public HealthDwStack(Construct scope, HealthDwStackInputs inputs)
        : base(scope, NameOf(inputs.Stage.Name), inputs.StackProps())
    {
        // Server access logs are delivered under a bucket policy (logging.s3.amazonaws.com), not the legacy
        // LogDeliveryWrite ACL, which a bucket with ACLs disabled (BucketOwnerEnforced) cannot take. Set here as
        // well as in cdk.json, so the stack is right whichever app builds it.
        Node.SetContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
        var stage = inputs.Stage;
        Storage = new DataStorage(this, stage);
        Secrets = new PipelineSecrets(this, stage);
        var context = new StepLambdaContext(stage, inputs.LambdaCode, ExtensionLayer.For(this, inputs.ExtensionLayerArns), Storage, Secrets);
        var contract = StepContract.Shipped;
        Steps = StepCatalog.For(stage.Concurrency, contract).Select(spec => new StepLambda(this, spec, context)).ToList();
        Workflows = new PipelineWorkflows(this, stage, inputs.Layout, contract, Storage, Steps);
        Snowflake = new SnowflakeStorageRole(this, stage, Storage);
        Alarms = new Alarms(this, stage, Workflows, Steps);
        // Last: its vendor statements are appended after every other statement of the bucket and key policies.
        Uploads = new VendorUploads(this, Storage);

        Amazon.CDK.Tags.Of(this).Add("project", "healthdw");
        Amazon.CDK.Tags.Of(this).Add("stage", stage.Name);
        Amazon.CDK.Tags.Of(this).Add("data-classification", "phi");
        Amazon.CDK.Tags.Of(this).Add("managed-by", "cdk");
        AddOutputs();
    }

    public DataStorage Storage { get; }

    public PipelineSecrets Secrets { get; }

    public IReadOnlyList<StepLambda> Steps { get; }

    public PipelineWorkflows Workflows { get; }

    public SnowflakeStorageRole Snowflake { get; }

    public Alarms Alarms { get; }

    public VendorUploads Uploads { get; }

    public static string NameOf(string stage) => "HealthDw-" + stage;

    private void AddOutputs()
    {
        Output("DataBucketName", Storage.DataBucket.BucketName, "The drop bucket: the vendor writes to raw_files/");
        Output("IngestFileStateMachineArn", Workflows.IngestFileMachine.StateMachineArn, "ingest-file state machine");
        Output("PublishDropStateMachineArn", Workflows.PublishDropMachine.StateMachineArn, "publish-drop state machine");
        Output("IngestFileConsoleUrl", ConsoleUrl(Workflows.IngestFileMachine.StateMachineArn), "ingest-file executions in the console");
        Output("PublishDropConsoleUrl", ConsoleUrl(Workflows.PublishDropMachine.StateMachineArn), "publish-drop executions in the console");
        Output("SnowflakeStorageRoleArn", Snowflake.Role.RoleArn, "STORAGE_AWS_ROLE_ARN of the storage integration (setup.sql step 6)");
        Output("SnowflakeKeySecretArn", Secrets.SnowflakeKey.SecretArn, "Set to the service user's PKCS#8 private key (PEM)");
        Output("SlackWebhookSecretArn", Secrets.SlackWebhook.SecretArn, "Set to the Slack incoming-webhook URL");
        Output("AlarmTopicArn", Alarms.Topic.TopicArn, "Alarm notifications");
    }

    private string ConsoleUrl(string stateMachineArn) =>
        $"https://{Region}.console.aws.amazon.com/states/home?region={Region}#/statemachines/view/{stateMachineArn}";

    private void Output(string id, string value, string description) =>
        _ = new CfnOutput(this, id, new CfnOutputProps { Value = value, Description = description });
}
