using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthDw.Infra.Tests.Support;

namespace HealthDw.Infra.Tests.Delivery;

/// <summary>
/// infra-cdk/bootstrap-execution-policy.json: the policy `cdk bootstrap --cloudformation-execution-policies` gives
/// the role CloudFormation deploys with (CDK Developer Guide, "Customize CDK bootstrapping": by default that role
/// has AdministratorAccess). Every resource the synthesised stacks hold must be creatable, updatable and
/// deletable with it, on that resource's own ARN, and nothing is granted as "*:*".
/// The actions per type are the API calls CloudFormation's handler for that type makes (its resource schema's
/// handler permissions); a first deploy in a real account is still the final check (README, "not verifiable here").
/// </summary>
[Collection(InfraCollection.Name)]
public sealed partial class BootstrapPolicyTests(SynthesizedApp app)
{
    private const string Account = "111122223333";
    private const string Region = "us-east-1";

    private sealed record Needs(string[] Actions, Func<string, JsonObject, string?> Arn);

    private static string? Prop(JsonObject resource, string name) =>
        resource["Properties"]?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A name CloudFormation generates: stack name, logical id, a random suffix (lower case for buckets).</summary>
    private static string Generated(string stack, string logicalId) => $"{stack}-{logicalId}-AbCdEf123456";

    private static readonly Dictionary<string, Needs> Table = new()
    {
        ["AWS::CDK::Metadata"] = new([], (_, _) => null),
        ["AWS::S3::Bucket"] = new(
            ["s3:CreateBucket", "s3:DeleteBucket", "s3:PutEncryptionConfiguration", "s3:PutBucketVersioning", "s3:PutBucketPublicAccessBlock",
             "s3:PutBucketOwnershipControls", "s3:PutBucketLogging", "s3:PutLifecycleConfiguration", "s3:PutBucketNotification", "s3:PutBucketTagging"],
            (id, _) => $"arn:aws:s3:::{id.ToLowerInvariant()}"),
        ["AWS::S3::BucketPolicy"] = new(["s3:PutBucketPolicy", "s3:GetBucketPolicy", "s3:DeleteBucketPolicy"],
            (id, _) => $"arn:aws:s3:::{id.ToLowerInvariant()}"),
        ["AWS::KMS::Key"] = new(
            ["kms:CreateKey", "kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:DescribeKey", "kms:TagResource", "kms:UpdateKeyDescription", "kms:ScheduleKeyDeletion"],
            (_, _) => $"arn:aws:kms:{Region}:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
        ["AWS::KMS::Alias"] = new(["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"],
            (_, r) => $"arn:aws:kms:{Region}:{Account}:{Prop(r, "AliasName")}"),
        ["AWS::IAM::Role"] = new(
            ["iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateAssumeRolePolicy", "iam:UpdateRoleDescription", "iam:TagRole", "iam:ListRolePolicies",
             "iam:ListAttachedRolePolicies", "iam:PassRole"],
            (id, r) => $"arn:aws:iam::{Account}:role/{Prop(r, "RoleName") ?? id}"),
        ["AWS::IAM::Policy"] = new(["iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy"], (_, _) => null), // on each role it names
        ["AWS::Lambda::Function"] = new(
            ["lambda:CreateFunction", "lambda:DeleteFunction", "lambda:GetFunction", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
             "lambda:PutFunctionConcurrency", "lambda:TagResource", "lambda:UntagResource", "lambda:ListTags"],
            (_, r) => $"arn:aws:lambda:{Region}:{Account}:function:{Prop(r, "FunctionName")}"),
        ["AWS::Lambda::Permission"] = new(["lambda:AddPermission", "lambda:RemovePermission", "lambda:GetPolicy"], (_, _) => null), // on its function
        ["AWS::Logs::LogGroup"] = new(["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:TagResource"],
            (_, r) => $"arn:aws:logs:{Region}:{Account}:log-group:{Prop(r, "LogGroupName")}"),
        ["AWS::Logs::MetricFilter"] = new(["logs:PutMetricFilter", "logs:DeleteMetricFilter", "logs:DescribeMetricFilters"], (_, _) => null), // on its log group
        ["AWS::StepFunctions::StateMachine"] = new(
            ["states:CreateStateMachine", "states:UpdateStateMachine", "states:DeleteStateMachine", "states:DescribeStateMachine", "states:TagResource"],
            (_, r) => $"arn:aws:states:{Region}:{Account}:stateMachine:{Prop(r, "StateMachineName")}"),
        ["AWS::Events::Rule"] = new(["events:PutRule", "events:DeleteRule", "events:DescribeRule", "events:PutTargets", "events:RemoveTargets"],
            (_, r) => $"arn:aws:events:{Region}:{Account}:rule/{Prop(r, "Name")}"),
        ["AWS::SQS::Queue"] = new(["sqs:CreateQueue", "sqs:DeleteQueue", "sqs:GetQueueAttributes", "sqs:SetQueueAttributes", "sqs:TagQueue"],
            (_, r) => $"arn:aws:sqs:{Region}:{Account}:{Prop(r, "QueueName")}"),
        ["AWS::SQS::QueuePolicy"] = new(["sqs:SetQueueAttributes"], (_, _) => null), // on its queue
        ["AWS::SNS::Topic"] = new(["sns:CreateTopic", "sns:DeleteTopic", "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:TagResource"],
            (_, r) => $"arn:aws:sns:{Region}:{Account}:{Prop(r, "TopicName")}"),
        ["AWS::SNS::TopicPolicy"] = new(["sns:SetTopicAttributes"], (_, _) => null), // on its topic
        ["AWS::SNS::Subscription"] = new(["sns:Subscribe", "sns:Unsubscribe", "sns:GetSubscriptionAttributes"], (_, _) => null), // on its topic
        ["AWS::SecretsManager::Secret"] = new(["secretsmanager:CreateSecret", "secretsmanager:DeleteSecret", "secretsmanager:DescribeSecret",
                "secretsmanager:UpdateSecret", "secretsmanager:TagResource"],
            (_, r) => $"arn:aws:secretsmanager:{Region}:{Account}:secret:{Prop(r, "Name")}-AbCdEf"),
        ["AWS::CloudWatch::Alarm"] = new(["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:DescribeAlarms", "cloudwatch:TagResource"],
            (_, r) => $"arn:aws:cloudwatch:{Region}:{Account}:alarm:{Prop(r, "AlarmName")}"),
    };

    private static readonly JsonArray Statements =
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.InfraCdk, "bootstrap-execution-policy.json")))!["Statement"]!.AsArray();

    private static IEnumerable<string> Each(JsonNode? node) =>
        node is JsonArray a ? a.Select(x => x!.GetValue<string>()) : node is null ? [] : [node.GetValue<string>()];

    /// <summary>IAM's wildcard match: * any run of characters, ? one character; action names are case-insensitive.</summary>
    private static bool Matches(string pattern, string value, bool ignoreCase) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);

    /// <summary>Is the action allowed on the ARN (or, with a null ARN, on some resource) by a statement of the file?</summary>
    private static bool Allows(string action, string? arn) => Statements.OfType<JsonObject>().Any(s =>
        s["Effect"]!.GetValue<string>() == "Allow"
        && Each(s["Action"]).Any(a => Matches(a, action, ignoreCase: true))
        && (arn is null || Each(s["Resource"]).Any(r => Matches(r, arn, ignoreCase: false))));

    private IEnumerable<SynthesizedStack> Stacks => [app.Dev, app.Prod];

    [Fact]
    public void Policy_WhenTheStacksAreSynthesized_ShouldKnowEveryResourceTypeTheyHold()
    {
        var types = Stacks.SelectMany(s => s.Resources.Select(r => r.Value!["Type"]!.GetValue<string>())).ToHashSet();
        types.Should().Contain("AWS::SNS::Subscription", "prod subscribes its alarm address");
        types.Except(Table.Keys).Should().BeEmpty("a new resource type needs its row here and its actions in bootstrap-execution-policy.json");
    }

    [Fact]
    public void Policy_WhenCloudFormationCreatesUpdatesAndDeletesEachResource_ShouldAllowEveryCallOnThatResource()
    {
        var missing = new List<string>();
        foreach (var stack in Stacks)
        {
            foreach (var (id, node) in stack.Resources)
            {
                var resource = node!.AsObject();
                var needs = Table[resource["Type"]!.GetValue<string>()];
                var arn = needs.Arn(Generated(stack.Name, id), resource);
                foreach (var action in needs.Actions.Where(a => !Allows(a, arn)))
                    missing.Add($"{stack.Name} {CfnText.Friendly(id, stack.Resources)}: {action} on {arn ?? "(any)"}");
            }
        }

        missing.Should().BeEmpty();
    }

    [Fact]
    public void Policy_WhenCreatingAStateMachineWithLogging_ShouldAllowTheLogDeliveryCallsStepFunctionsChecks()
    {
        // Step Functions Developer Guide, "Logging in CloudWatch Logs": the caller that creates a state machine with
        // logging needs the logs:*LogDelivery, PutResourcePolicy, DescribeResourcePolicies and DescribeLogGroups actions.
        foreach (var action in new[] { "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
                     "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups" })
            Allows(action, "*").Should().BeTrue(action);
    }

    [Fact]
    public void Policy_WhenDeploying_ShouldReadTheAssetsAndTheBootstrapVersionAndTheExtensionLayer()
    {
        var code = app.Dev.OfType("AWS::Lambda::Function").Values.First()["Properties"]!["Code"]!;
        CfnText.Render(code["S3Bucket"], app.Dev.Resources).Should().StartWith("cdk-hnb659fds-assets-");
        Allows("s3:GetObject", $"arn:aws:s3:::cdk-hnb659fds-assets-{Account}-{Region}/abc.zip").Should().BeTrue();
        Allows("ssm:GetParameters", $"arn:aws:ssm:{Region}:{Account}:parameter/cdk-bootstrap/hnb659fds/version").Should().BeTrue();
        var layer = app.Dev.OfType("AWS::Lambda::Function").Values.First()["Properties"]!["Layers"]![0]!.GetValue<string>();
        Allows("lambda:GetLayerVersion", layer).Should().BeTrue();
    }

    [Fact]
    public void Policy_WhenGranting_ShouldNeverBeAdministratorAccess()
    {
        foreach (var statement in Statements.OfType<JsonObject>())
        {
            var sid = statement["Sid"]?.GetValue<string>();
            statement["Effect"]!.GetValue<string>().Should().Be("Allow");
            Each(statement["Action"]).Should().OnlyContain(a => !a.EndsWith(":*", StringComparison.Ordinal) && a != "*", sid);
            if (Each(statement["Resource"]).Contains("*"))
                Each(statement["Action"]).Should().OnlyContain(a => OnlyOnEveryResource.Contains(a), $"{sid}: only actions AWS offers no narrower resource for");
        }

        Allows("iam:CreateRole", $"arn:aws:iam::{Account}:role/SomeoneElse").Should().BeFalse();
        Allows("s3:DeleteBucket", "arn:aws:s3:::another-team-bucket").Should().BeFalse();
        Allows("iam:CreateUser", null).Should().BeFalse();
        Allows("iam:AttachRolePolicy", null).Should().BeFalse("no managed policy (AdministratorAccess) can be attached to a role");
    }

    [Fact]
    public void Policy_WhenPassingARole_ShouldPassItOnlyToTheServicesOfTheStack()
    {
        var pass = Statements.OfType<JsonObject>().Where(s => Each(s["Action"]).Any(a => Matches(a, "iam:PassRole", true))).ToList();
        pass.Should().ContainSingle();
        pass[0]["Condition"]!["StringEquals"]!["iam:PassedToService"]!.AsArray().Select(x => x!.GetValue<string>())
            .Should().BeEquivalentTo("lambda.amazonaws.com", "states.amazonaws.com", "events.amazonaws.com");
    }

    [Fact]
    public void Readme_WhenItExplainsBootstrapping_ShouldUseTheScopedExecutionPolicy()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.InfraCdk, "README.md"));
        // A shell command continued with "\" at the end of a line is one command.
        var commands = readme.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
            .Where(l => l.Contains("cdk bootstrap aws://", StringComparison.Ordinal)).ToList();
        commands.Should().NotBeEmpty();
        commands.Should().OnlyContain(c => c.Contains("--cloudformation-execution-policies", StringComparison.Ordinal),
            "without it the execution role gets AdministratorAccess (CDK Developer Guide, \"Customize CDK bootstrapping\")");
        readme.Should().Contain("file://bootstrap-execution-policy.json");
    }

    private static readonly HashSet<string> OnlyOnEveryResource =
    [
        "kms:CreateKey", "kms:ListKeys", "kms:ListAliases", "secretsmanager:GetRandomPassword",
        "logs:DescribeLogGroups", "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
        "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies",
    ];
}
