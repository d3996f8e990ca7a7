using HealthDw.Infra.Tests.Support;

namespace HealthDw.Infra.Tests.Monitoring;

/// <summary>
/// Every log group (functions and workflows) outlives the stack in a production stage: it is the record of what
/// happened to each file. CloudFormation User Guide, "DeletionPolicy attribute": Retain keeps the resource when the
/// stack or the resource is deleted; without it a log group is deleted with its events.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class LogGroupTests(SynthesizedApp app)
{
    [Theory]
    [InlineData("prod", "Retain")]
    [InlineData("dev", "Delete")]
    public void LogGroups_WhenTheStackIsDeleted_ShouldBeRetainedOnlyInAProductionStage(string stage, string policy)
    {
        var template = stage == "prod" ? app.Prod : app.Dev;
        var groups = template.OfType("AWS::Logs::LogGroup");
        groups.Should().HaveCount(10, "eight functions and two workflows");
        foreach (var (id, group) in groups)
        {
            group["DeletionPolicy"]!.GetValue<string>().Should().Be(policy, id);
            group["UpdateReplacePolicy"]!.GetValue<string>().Should().Be(policy, id);
        }
    }
}
