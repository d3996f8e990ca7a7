using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using HealthDw.Infra.Configuration;
using HealthDw.Infra.Tests.Support;
using static HealthDw.Infra.Tests.Support.Json;

namespace HealthDw.Infra.Tests.Monitoring;

/// <summary>Every alarm goes to one KMS-encrypted topic; what is watched is listed here by name.</summary>
[Collection(InfraCollection.Name)]
public sealed class AlarmTests(SynthesizedApp app)
{
    private const string Alarm = "AWS::CloudWatch::Alarm";

    private static readonly string[] Steps =
        ["route-file", "validate-file", "load-to-staging", "load-status", "archive-file", "drop-status", "notify", "publish-drop"];

    // alarm name (healthdw-dev-…)      namespace / metric                                  dimension
    public static TheoryData<string, string, string, string> Watched
    {
        get
        {
            var rows = new TheoryData<string, string, string, string>
            {
                { "ingest-executions-failed", "AWS/States", "ExecutionsFailed", "StateMachineArn=IngestFileWorkflow" },
                { "publish-executions-failed", "AWS/States", "ExecutionsFailed", "StateMachineArn=PublishDropWorkflow" },
                // Step Functions User Guide, "Monitoring Step Functions metrics with CloudWatch": a timed-out or aborted
                // execution is counted in ExecutionsTimedOut / ExecutionsAborted, not in ExecutionsFailed.
                { "ingest-executions-timed-out", "AWS/States", "ExecutionsTimedOut", "StateMachineArn=IngestFileWorkflow" },
                { "ingest-executions-aborted", "AWS/States", "ExecutionsAborted", "StateMachineArn=IngestFileWorkflow" },
                { "publish-executions-timed-out", "AWS/States", "ExecutionsTimedOut", "StateMachineArn=PublishDropWorkflow" },
                { "publish-executions-aborted", "AWS/States", "ExecutionsAborted", "StateMachineArn=PublishDropWorkflow" },
                { "rejected-files", "HealthDw/dev", "RejectedFiles", "" },
                { "ingest-events-dead-lettered", "AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName=IngestEventsDeadLetterQueue.QueueName" },
            };
            foreach (var step in Steps)
            {
                var pascal = string.Concat(step.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
                rows.Add(step + "-errors", "AWS/Lambda", "Errors", $"FunctionName={pascal}Function");
                rows.Add(step + "-throttles", "AWS/Lambda", "Throttles", $"FunctionName={pascal}Function");
            }

            return rows;
        }
    }

    private const string Heartbeat = "no-drop-received";

    [Fact]
    public void Stack_WhenSynthesized_ShouldHaveExactlyTheListedAlarms()
    {
        app.Dev.OfType(Alarm).Values.Select(a => a["Properties"]!["AlarmName"]!.GetValue<string>())
            .Should().BeEquivalentTo(Watched.Select(row => "healthdw-dev-" + row[0]).Append("healthdw-dev-" + Heartbeat));
    }

    /// <summary>
    /// CloudWatch User Guide, "Configuring how CloudWatch alarms treat missing data": AWS/States publishes no
    /// ExecutionsStarted datapoint for an hour without executions, so only "breaching" turns silence into an alarm.
    /// PutMetricAlarm: Period x EvaluationPeriods may not exceed seven days.
    /// </summary>
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Heartbeat_WhenNoIngestExecutionStartsForTheStageWindow_ShouldAlarm(string stage)
    {
        var hours = StageFile.Load(Path.Combine(RepoPaths.InfraCdk, "stages.json")).Single(s => s.Name == stage).DropHeartbeatHours;
        var template = stage == "dev" ? app.Dev : app.Prod;
        var alarm = template.OfType(Alarm).Values.Single(a => a["Properties"]!["AlarmName"]!.GetValue<string>() == $"healthdw-{stage}-{Heartbeat}")["Properties"]!;
        alarm["Namespace"]!.GetValue<string>().Should().Be("AWS/States");
        alarm["MetricName"]!.GetValue<string>().Should().Be("ExecutionsStarted");
        CfnText.Render(alarm["Dimensions"]![0]!["Value"], template.Resources).Should().Be("IngestFileWorkflow");
        alarm["Statistic"]!.GetValue<string>().Should().Be("Sum");
        alarm["Period"]!.GetValue<int>().Should().Be(3600);
        alarm["EvaluationPeriods"]!.GetValue<int>().Should().Be(hours);
        alarm["DatapointsToAlarm"]!.GetValue<int>().Should().Be(hours, "every hour of the window must be empty");
        (3600 * hours).Should().BeLessThanOrEqualTo(604_800);
        alarm["ComparisonOperator"]!.GetValue<string>().Should().Be("LessThanThreshold");
        alarm["Threshold"]!.GetValue<double>().Should().Be(1);
        alarm["TreatMissingData"]!.GetValue<string>().Should().Be("breaching");
        CfnText.Render(alarm["AlarmActions"], template.Resources).Should().Be("[AlarmTopic]");
    }

    /// <summary>The workflows catch a failed Slack notification (a published drop must not fail for it); the notify function's own metrics are what alarm.</summary>
    [Theory]
    [InlineData("notify-errors", "Errors")]
    [InlineData("notify-throttles", "Throttles")]
    public void FailedNotification_WhenTheNotifyFunctionErrsOrIsThrottled_ShouldAlarm(string name, string metric)
    {
        var alarm = app.Dev.OfType(Alarm).Values.Single(a => a["Properties"]!["AlarmName"]!.GetValue<string>() == "healthdw-dev-" + name)["Properties"]!;
        alarm["MetricName"]!.GetValue<string>().Should().Be(metric);
        CfnText.Render(alarm["Dimensions"]![0]!["Value"], app.Dev.Resources).Should().Be("NotifyFunction");
        alarm["AlarmDescription"]!.GetValue<string>().Should().Contain("notify");
    }

    [Fact]
    public void ProdAlarmTopic_WhenSynthesized_ShouldHaveTheConfiguredEmailSubscription()
    {
        var email = StageFile.Load(Path.Combine(RepoPaths.InfraCdk, "stages.json")).Single(s => s.Name == "prod").AlarmEmail;
        email.Should().NotBeNullOrWhiteSpace();
        app.Prod.Template.HasResourceProperties("AWS::SNS::Subscription", Obj(
            ("Protocol", "email"), ("Endpoint", email!), ("TopicArn", Ids.Ref("AlarmTopic"))));
    }

    [Theory]
    [MemberData(nameof(Watched))]
    public void Alarm_WhenItsMetricReachesOne_ShouldNotifyTheAlarmTopic(string name, string metricNamespace, string metric, string dimension)
    {
        var alarm = app.Dev.OfType(Alarm).Values.Single(a => a["Properties"]!["AlarmName"]!.GetValue<string>() == "healthdw-dev-" + name)["Properties"]!;
        alarm["Namespace"]!.GetValue<string>().Should().Be(metricNamespace);
        alarm["MetricName"]!.GetValue<string>().Should().Be(metric);
        var dimensions = alarm["Dimensions"] is JsonArray list
            ? string.Join(",", list.Select(d => $"{d!["Name"]}={CfnText.Render(d["Value"], app.Dev.Resources)}"))
            : "";
        dimensions.Should().Be(dimension);
        alarm["Threshold"]!.GetValue<double>().Should().Be(1);
        alarm["ComparisonOperator"]!.GetValue<string>().Should().Be("GreaterThanOrEqualToThreshold");
        alarm["TreatMissingData"]!.GetValue<string>().Should().Be("notBreaching");
        CfnText.Render(alarm["AlarmActions"], app.Dev.Resources).Should().Be("[AlarmTopic]");
    }

    [Fact]
    public void RejectedFiles_WhenAnIngestExecutionFailsWithFileRejected_ShouldCountOne()
    {
        app.Dev.Template.HasResourceProperties("AWS::Logs::MetricFilter", Obj(
            ("LogGroupName", Ids.Ref("IngestFileWorkflowLogs")),
            ("FilterPattern", "{ ($.type = \"ExecutionFailed\") && ($.details.error = \"HealthDw.FileRejected\") }"),
            ("MetricTransformations", Arr(Obj(("MetricNamespace", "HealthDw/dev"), ("MetricName", "RejectedFiles"), ("MetricValue", "1"),
                ("Unit", "Count"))))));
        File.ReadAllText(RepoPaths.StateMachine("ingest-file")).Should().Contain("\"Error\": \"HealthDw.FileRejected\"",
            "the metric filter matches the Fail state's error name");
    }

    [Fact]
    public void AlarmTopic_WhenPublishedTo_ShouldBeEncryptedWithItsOwnKey()
    {
        app.Dev.Template.HasResourceProperties("AWS::SNS::Topic", Like(
            ("TopicName", "healthdw-dev-alarms"), ("KmsMasterKeyId", Ids.Arn("AlarmTopicKey"))));
    }

    [Fact]
    public void AlarmTopic_WhenNoAddressIsConfigured_ShouldHaveNoSubscription()
    {
        app.Dev.Template.ResourceCountIs("AWS::SNS::Subscription", 0);
    }
}
