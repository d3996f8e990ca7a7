using System.Text;
using HealthDw.Core.Drops;
using HealthDw.Core.Ports;
using HealthDw.Functions;
using HealthDw.Functions.Steps;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Workflow;

/// <summary>
/// Issue 11: a publish-drop execution that is stopped, times out or fails where no Catch runs ends its attempt through the
/// rule on Step Functions' "Step Functions Execution Status Change" event
/// (https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html), whose input transformer
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html) gives publish-drop's
/// record-failure phase the execution's ARN alone: the payload below is the one the infra's rule makes.
/// </summary>
[Collection(PostgresCollection.Name)]
public class PublishDropEndedEventTests(PostgresFixture postgres)
{
    private const string First = $"drop-{Drops.DropId}";
    private const string Arn = "arn:aws:states:us-east-1:123456789012:execution:healthdw-dev-publish-drop:";

    private static Task<byte[]> OnEventAsync(TestPipeline test, string executionName) =>
        test.Pipeline.Steps.Handlers[StepHandlerTable.PublishDrop](
            Encoding.UTF8.GetBytes($$"""{"phase":"record-failure","executionId":"{{Arn}}{{executionName}}"}"""), CancellationToken.None);

    [Fact]
    public async Task RecordFailure_WhenAnAttemptLeftBuildingEndsOnTheEvent_ShouldStopRunningAndNameTheNextAttempt()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var warehouse = test.Pipeline.Warehouse;
        await warehouse.RecordPublishAttemptAsync(Drops.DropId, First, PublishAttemptEvent.Building, CancellationToken.None);
        var building = await warehouse.PublishAttemptsAsync(Drops.DropId, CancellationToken.None);
        var laterLoad = building.Max(a => a.At).AddMinutes(1);
        PublishPlan.For(Drops.DropId, laterLoad, building).Running.Should().BeTrue("the stopped execution's attempt is left building");

        await OnEventAsync(test, First);
        await OnEventAsync(test, First); // EventBridge may deliver an event twice

        var events = await warehouse.PublishAttemptsAsync(Drops.DropId, CancellationToken.None);
        events.Select(e => (e.ExecutionName, e.Event)).Should().Equal((First, PublishAttemptEvent.Building), (First, PublishAttemptEvent.Failed));
        PublishPlan.For(Drops.DropId, laterLoad, events).Should().Be(new PublishPlan($"{First}-r2", Covered: false, Running: false));
    }

    [Fact]
    public async Task RecordFailure_WhenTheCatchRouteAlreadyEndedTheAttempt_ShouldRecordNothingMore()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var warehouse = test.Pipeline.Warehouse;
        var second = $"{First}-r2";
        await warehouse.RecordPublishAttemptAsync(Drops.DropId, second, PublishAttemptEvent.Building, CancellationToken.None);
        await warehouse.RecordPublishAttemptAsync(Drops.DropId, second, PublishAttemptEvent.Blocked, CancellationToken.None);

        await OnEventAsync(test, second);

        (await warehouse.PublishAttemptsAsync(Drops.DropId, CancellationToken.None)).Select(e => e.Event)
            .Should().Equal(PublishAttemptEvent.Building, PublishAttemptEvent.Blocked);
    }

    [Theory]
    [InlineData("3f2a9c1e-console-run")]
    [InlineData("drop-")]
    public async Task RecordFailure_WhenTheExecutionIsNotNamedForADrop_ShouldFailWithBadInput(string name)
    {
        await using var test = await TestPipeline.CreateAsync(postgres);

        var act = () => OnEventAsync(test, name);

        (await act.Should().ThrowAsync<StepFailedException>()).Which.ErrorName.Should().Be(StepFailedException.BadInput);
        (await act.Should().ThrowAsync<StepFailedException>()).Which.Message.Should().Contain($"'{name}' is not a publish-drop execution's name");
    }
}
