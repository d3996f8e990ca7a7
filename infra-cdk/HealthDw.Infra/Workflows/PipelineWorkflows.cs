using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SQS;
using Amazon.CDK.AWS.StepFunctions;
using HealthDw.Core.Pipeline;
using HealthDw.Infra.Configuration;
using HealthDw.Infra.Steps;
using HealthDw.Infra.Storage;
using LogGroupProps = Amazon.CDK.AWS.Logs.LogGroupProps;
using SfnLogLevel = Amazon.CDK.AWS.StepFunctions.LogLevel;

namespace HealthDw.Infra.Workflows;

/// <summary>
/// The two Standard state machines from statemachine/*.asl.json, and the EventBridge rule that starts an
/// ingest-file execution for every object created under raw_files/. publish-drop is built first: ingest-file
/// names it (and may start it), so the reference runs one way only. A second rule ends the record of a publish-drop
/// attempt that stopped without running its failure route.
/// </summary>
public sealed class PipelineWorkflows
{
    public const string IngestFile = "ingest-file";
    public const string PublishDrop = "publish-drop";

    private readonly Dictionary<string, LogGroup> _logGroups = new(StringComparer.Ordinal);

    public PipelineWorkflows(Stack scope, StageSettings stage, RepoLayout layout, StepContract contract, DataStorage storage, IReadOnlyList<StepLambda> steps)
    {
        var undeployed = contract.StateMachines.Select(m => m.Name).Where(n => n is not (IngestFile or PublishDrop)).ToList();
        if (undeployed.Count > 0)
            throw new InvalidOperationException($"statemachine/{StepContract.FileName} lists state machine(s) {string.Join(", ", undeployed)} that the CDK app does not deploy");
        var functionArns = steps.ToDictionary(s => s.Spec.Placeholder, s => s.Function.FunctionArn, StringComparer.Ordinal);

        PublishDropMachine = StateMachineFrom(scope, stage, AslFile.Load(layout, PublishDrop), "PublishDropWorkflow", functionArns, steps);
        var ingestBindings = new Dictionary<string, string>(functionArns, StringComparer.Ordinal)
        {
            [contract.StateMachine(PublishDrop).Placeholder!] = PublishDropMachine.StateMachineArn,
        };
        IngestFileMachine = StateMachineFrom(scope, stage, AslFile.Load(layout, IngestFile), "IngestFileWorkflow", ingestBindings, steps);
        // states:StartExecution on publish-drop alone: fire and forget, so no DescribeExecution or events rule.
        PublishDropMachine.GrantStartExecution(IngestFileMachine);

        DeadLetterQueue = new Queue(scope, "IngestEventsDeadLetterQueue", new QueueProps
        {
            QueueName = $"healthdw-{stage.Name}-ingest-events-dlq",
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            RetentionPeriod = Duration.Days(14),
        });

        RawFileCreated = new Rule(scope, "RawFileCreatedRule", new RuleProps
        {
            RuleName = $"healthdw-{stage.Name}-raw-file-created",
            Description = "An object created under raw_files/ of the drop bucket starts one ingest-file execution",
            EventPattern = new EventPattern
            {
                Source = ["aws.s3"],
                DetailType = ["Object Created"],
                Detail = new Dictionary<string, object>
                {
                    ["bucket"] = new Dictionary<string, object> { ["name"] = new[] { storage.DataBucket.BucketName } },
                    ["object"] = new Dictionary<string, object> { ["key"] = Match.Prefix(BucketLayout.Raw) },
                },
            },
        });
        // No input transformation: the first task receives the whole EventBridge event, as locally.
        RawFileCreated.AddTarget(new SfnStateMachine(IngestFileMachine, new SfnStateMachineProps
        {
            DeadLetterQueue = DeadLetterQueue,
            RetryAttempts = 185,
            MaxEventAge = Duration.Hours(24),
        }));

        PublishDropEnded = PublishDropEndedRule(scope, stage, steps.Single(s => s.Spec.Handler == StepCatalog.PublishDrop));
    }

    public StateMachine IngestFileMachine { get; }

    public StateMachine PublishDropMachine { get; }

    public Rule RawFileCreated { get; }

    public Rule PublishDropEnded { get; }

    public Queue DeadLetterQueue { get; }

    public LogGroup IngestFileLogGroup => _logGroups[IngestFile];

    /// <summary>
    /// An execution that is stopped, times out or fails with an error no Catch takes runs no state of its own, so only
    /// Step Functions' "Execution Status Change" event can end its attempt in the record; else the attempt stays
    /// "building" and every later publish of the drop waits in Check Drop until its loop gives up. The function's
    /// record-failure phase gets the execution ARN alone (the event's detail.input is a string, not an object): the
    /// handler takes the drop from the execution's name, and records nothing for an attempt the Catch route ended.
    /// </summary>
    private Rule PublishDropEndedRule(Stack scope, StageSettings stage, StepLambda publishDrop)
    {
        var rule = new Rule(scope, "PublishDropEndedRule", new RuleProps
        {
            RuleName = $"healthdw-{stage.Name}-publish-drop-ended",
            Description = "A publish-drop execution that was stopped, timed out or failed ends its attempt in audit.publish_attempts",
            EventPattern = new EventPattern
            {
                Source = ["aws.states"],
                DetailType = ["Step Functions Execution Status Change"],
                Detail = new Dictionary<string, object>
                {
                    ["status"] = new[] { "ABORTED", "TIMED_OUT", "FAILED" },
                    ["stateMachineArn"] = new[] { PublishDropMachine.StateMachineArn },
                },
            },
        });
        rule.AddTarget(new LambdaFunction(publishDrop.Function, new LambdaFunctionProps
        {
            Event = RuleTargetInput.FromObject(new Dictionary<string, object>
            {
                ["phase"] = "record-failure",
                ["executionId"] = EventField.FromPath("$.detail.executionArn"),
            }),
            DeadLetterQueue = DeadLetterQueue,
            RetryAttempts = 185,
            MaxEventAge = Duration.Hours(24),
        }));
        return rule;
    }

    private StateMachine StateMachineFrom(Stack scope, StageSettings stage, AslFile asl, string id,
        IReadOnlyDictionary<string, string> bindings, IReadOnlyList<StepLambda> steps)
    {
        var name = $"healthdw-{stage.Name}-{asl.Name}";
        // Execution data stays out of the logs (IncludeExecutionData = false): events and errors only.
        var logs = _logGroups[asl.Name] = new LogGroup(scope, id + "Logs", new LogGroupProps
        {
            LogGroupName = "/aws/vendedlogs/states/" + name,
            Retention = RetentionSetting.FromDays(stage.LogRetentionDays, stage.Name),
            RemovalPolicy = RetentionSetting.LogGroupRemoval(stage),
        });
        var machine = new StateMachine(scope, id, new StateMachineProps
        {
            StateMachineName = name,
            StateMachineType = StateMachineType.STANDARD,
            DefinitionBody = DefinitionBody.FromString(asl.Definition),
            DefinitionSubstitutions = asl.Substitutions(bindings),
            // The role gets logs:*LogDelivery / PutResourcePolicy / Describe* on "*" (CloudWatch Logs offers no
            // narrower resource for vended log delivery) and X-Ray's PutTraceSegments / PutTelemetryRecords /
            // GetSampling* on "*" (X-Ray has no resource-level permissions).
            Logs = new LogOptions { Destination = logs, Level = SfnLogLevel.ERROR, IncludeExecutionData = false },
            TracingEnabled = true,
        });
        // lambda:InvokeFunction on exactly the functions the definition names.
        foreach (var step in steps.Where(s => asl.Placeholders.Contains(s.Spec.Placeholder))) step.Function.GrantInvoke(machine);
        return machine;
    }
}
