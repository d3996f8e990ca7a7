using Amazon.CDK.Assertions;
using HealthDw.Infra.Tests.Support;
using static HealthDw.Infra.Tests.Support.Json;

namespace HealthDw.Infra.Tests.Configuration;

/// <summary>Stack names, tags, termination protection and the outputs operators need.</summary>
[Collection(InfraCollection.Name)]
public sealed class StackOutputTests(SynthesizedApp app)
{
    [Fact]
    public void App_WhenSynthesized_ShouldHaveOneStackPerStage()
    {
        app.Templates.Keys.Should().BeEquivalentTo("HealthDw-dev", "HealthDw-prod");
        app.Stacks.Single(s => s.StackName == "HealthDw-prod").TerminationProtection.Should().BeTrue();
        app.Stacks.Single(s => s.StackName == "HealthDw-dev").TerminationProtection.Should().BeFalse();
        app.Stacks.Should().OnlyContain(s => s.Region == "us-east-1");
    }

    [Fact]
    public void Outputs_WhenDeployed_ShouldNameTheBucketTheStateMachinesAndTheirConsolePages()
    {
        var dev = app.Dev.Template;
        dev.HasOutput("DataBucketName", Like(("Value", Ids.Ref("DataBucket"))));
        dev.HasOutput("IngestFileStateMachineArn", Like(("Value", Ids.Ref("IngestFileWorkflow"))));
        dev.HasOutput("PublishDropStateMachineArn", Like(("Value", Ids.Ref("PublishDropWorkflow"))));
        dev.HasOutput("AlarmTopicArn", Like(("Value", Ids.Ref("AlarmTopic"))));
        foreach (var (output, machine) in new[] { ("IngestFileConsoleUrl", "IngestFileWorkflow"), ("PublishDropConsoleUrl", "PublishDropWorkflow") })
        {
            CfnText.Render(app.Dev.Root["Outputs"]![output]!["Value"], app.Dev.Resources).Should()
                .Be($"https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1#/statemachines/view/{machine}");
        }
    }

    [Theory]
    [InlineData("AWS::S3::Bucket")]
    [InlineData("AWS::Lambda::Function")]
    [InlineData("AWS::StepFunctions::StateMachine")]
    [InlineData("AWS::SecretsManager::Secret")]
    [InlineData("AWS::KMS::Key")]
    public void Resources_WhenTagged_ShouldCarryProjectStageAndClassification(string type)
    {
        app.Dev.Template.AllResourcesProperties(type, Like(("Tags", Match.ArrayWith(Arr(
            Obj(("Key", "data-classification"), ("Value", "phi")),
            Obj(("Key", "project"), ("Value", "healthdw")),
            Obj(("Key", "stage"), ("Value", "dev")))))));
    }
}
