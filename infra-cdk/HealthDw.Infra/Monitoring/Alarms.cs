using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using HealthDw.Infra.Configuration;
using HealthDw.Infra.Steps;
using HealthDw.Infra.Workflows;

namespace HealthDw.Infra.Monitoring;

/// <summary>
/// Alarms to one KMS-encrypted SNS topic: failed executions of either workflow, refused files, events that
/// could not start an execution, and errors and throttles of every function. Alarm texts carry names, never data.
/// </summary>
public sealed class Alarms
{
    public const string RejectedFilesMetric = "RejectedFiles";
    public const string RejectedFileError = "HealthDw.FileRejected";

    private readonly string _stage;
    private readonly SnsAction _action;

    public Alarms(Stack scope, StageSettings stage, PipelineWorkflows workflows, IReadOnlyList<StepLambda> steps)
    {
        _stage = stage.Name;
        AlarmKey = new Key(scope, "AlarmTopicKey", new KeyProps
        {
            Alias = $"alias/healthdw-{stage.Name}-alarms",
            Description = $"HealthDw {stage.Name}: the alarm topic",
            EnableKeyRotation = true,
        });
        // CloudWatch publishes the alarms: it must be able to use the topic's key. In a key policy the
        // resource "*" means this key.
        AlarmKey.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CloudWatchAlarmsPublish",
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = ["kms:Decrypt", "kms:GenerateDataKey"],
            Resources = ["*"],
        }));
        Topic = new Topic(scope, "AlarmTopic", new TopicProps
        {
            TopicName = $"healthdw-{stage.Name}-alarms",
            DisplayName = $"HealthDw {stage.Name} alarms",
            MasterKey = AlarmKey,
            EnforceSSL = true,
        });
        // Only this account's alarms of this stage may publish (EnforceSSL adds the deny of plain HTTP).
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CloudWatchAlarmsPublish",
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = scope.Account },
                ["ArnLike"] = new Dictionary<string, object>
                {
                    ["aws:SourceArn"] = $"arn:{scope.Partition}:cloudwatch:{scope.Region}:{scope.Account}:alarm:healthdw-{stage.Name}-*",
                },
            },
        }));
        if (!string.IsNullOrWhiteSpace(stage.AlarmEmail)) Topic.AddSubscription(new EmailSubscription(stage.AlarmEmail));
        _action = new SnsAction(Topic);

        Add(scope, "IngestExecutionsFailed", "ingest-file executions failed (a refused file or a failed step)",
            workflows.IngestFileMachine.MetricFailed(Every5Minutes()));
        Add(scope, "PublishExecutionsFailed", "publish-drop executions failed (a blocked, incomplete or failed drop)",
            workflows.PublishDropMachine.MetricFailed(Every5Minutes()));
        // A TimeoutSeconds reached or a StopExecution is not "failed": both are counted apart (AWS/States
        // ExecutionsTimedOut, ExecutionsAborted) and would otherwise go unseen.
        Add(scope, "IngestExecutionsTimedOut", "ingest-file executions timed out (the machine's TimeoutSeconds)",
            workflows.IngestFileMachine.MetricTimedOut(Every5Minutes()));
        Add(scope, "IngestExecutionsAborted", "ingest-file executions aborted (stopped by someone or something)",
            workflows.IngestFileMachine.MetricAborted(Every5Minutes()));
        Add(scope, "PublishExecutionsTimedOut", "publish-drop executions timed out (the machine's TimeoutSeconds)",
            workflows.PublishDropMachine.MetricTimedOut(Every5Minutes()));
        Add(scope, "PublishExecutionsAborted", "publish-drop executions aborted (stopped by someone or something)",
            workflows.PublishDropMachine.MetricAborted(Every5Minutes()));
        Add(scope, "RejectedFiles", "files refused and moved to error_files/ (see their .error.json)",
            RejectedFiles(scope, workflows.IngestFileLogGroup).Metric(Every5Minutes()));
        Add(scope, "IngestEventsDeadLettered", "S3 events that could not start an ingest-file execution (in the DLQ)",
            workflows.DeadLetterQueue.MetricApproximateNumberOfMessagesVisible(new MetricOptions
            {
                Period = Duration.Minutes(5), Statistic = Stats.MAXIMUM,
            }));
        Heartbeat = NoDropHeartbeat(scope, stage, workflows);
        // The notify function's Errors and Throttles alarms below are also the "a notification failed" alarms:
        // the workflows catch a failed notification so that a published drop is not failed by Slack.
        foreach (var step in steps)
        {
            Add(scope, step.Spec.PascalName + "Errors", $"{step.Spec.Handler} invocations failed", step.Function.MetricErrors(Every5Minutes()));
            Add(scope, step.Spec.PascalName + "Throttles", $"{step.Spec.Handler} invocations throttled", step.Function.MetricThrottles(Every5Minutes()));
        }
    }

    public Key AlarmKey { get; }

    public Topic Topic { get; }

    /// <summary>Fires when no ingest-file execution started for <see cref="StageSettings.DropHeartbeatHours"/> hours.</summary>
    public Alarm Heartbeat { get; }

    /// <summary>
    /// No file for N hours: ExecutionsStarted of ingest-file summed per hour, alarming when N hours in a row are
    /// below 1. CloudWatch publishes nothing for an hour without executions, so missing data counts as breaching
    /// (CloudWatch User Guide: "Configuring how CloudWatch alarms treat missing data").
    /// </summary>
    private Alarm NoDropHeartbeat(Stack scope, StageSettings stage, PipelineWorkflows workflows)
    {
        var hours = stage.DropHeartbeatHours;
        var alarm = new Alarm(scope, "NoDropReceivedAlarm", new AlarmProps
        {
            AlarmName = $"healthdw-{_stage}-no-drop-received",
            AlarmDescription = $"HealthDw {_stage}: no file arrived in raw_files/ for {hours} hours (no ingest-file execution started).",
            Metric = workflows.IngestFileMachine.MetricStarted(new MetricOptions { Period = Duration.Hours(1), Statistic = Stats.SUM }),
            Threshold = 1,
            EvaluationPeriods = hours,
            DatapointsToAlarm = hours,
            ComparisonOperator = ComparisonOperator.LESS_THAN_THRESHOLD,
            TreatMissingData = TreatMissingData.BREACHING,
        });
        alarm.AddAlarmAction(_action);
        return alarm;
    }

    /// <summary>
    /// Refused files end the ingest execution in the Fail state "File Rejected" (error HealthDw.FileRejected);
    /// the ERROR-level execution log records the error name (never the input) for every failed execution.
    /// </summary>
    private MetricFilter RejectedFiles(Stack scope, ILogGroup ingestLogs) => new(scope, "RejectedFilesMetricFilter", new MetricFilterProps
    {
        LogGroup = ingestLogs,
        FilterPattern = FilterPattern.All(
            FilterPattern.StringValue("$.type", "=", "ExecutionFailed"),
            FilterPattern.StringValue("$.details.error", "=", RejectedFileError)),
        MetricNamespace = $"HealthDw/{_stage}",
        MetricName = RejectedFilesMetric,
        MetricValue = "1",
        Unit = Unit.COUNT,
    });

    private static MetricOptions Every5Minutes() => new() { Period = Duration.Minutes(5), Statistic = Stats.SUM };

    private void Add(Stack scope, string id, string what, IMetric metric)
    {
        var alarm = new Alarm(scope, id + "Alarm", new AlarmProps
        {
            AlarmName = $"healthdw-{_stage}-{Kebab(id)}",
            AlarmDescription = $"HealthDw {_stage}: {what}.",
            Metric = metric,
            Threshold = 1,
            EvaluationPeriods = 1,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        alarm.AddAlarmAction(_action);
    }

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
