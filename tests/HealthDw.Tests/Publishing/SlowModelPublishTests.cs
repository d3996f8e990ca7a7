using HealthDw.Cli.Local;
using HealthDw.StateMachine.History;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Publishing;

/// <summary>
/// A model slower than a Lambda's timeout still publishes: Build Models submits it and returns, and Check Models looks at
/// it between Wait states, so no invocation waits for the warehouse. The local Lambda enforces the function's timeout as
/// Lambda does (Lambda Developer Guide, "Configure Lambda function timeout"), so one call that built every model would fail
/// with Sandbox.Timedout.
/// </summary>
[Collection(PostgresSecondCollection.Name)]
public class SlowModelPublishTests(PostgresFixture postgres)
{
    private static readonly TimeSpan FunctionTimeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Publish_WhenAModelTakesLongerThanTheFunctionTimeout_ShouldPublishThroughPolling()
    {
        using var config = new TempFolder();
        config.CopyIn(Path.GetDirectoryName(TestConfig.SmallDrops)!);
        // Twice the functions' timeout: pg_sleep holds the statement in the warehouse.
        config.Write("warehouse/models/marts/slow_total.sql",
            "{{ config(materialized='table') }}\nselect count(*) as appointments, max(s.slept) as slept\n"
            + "from {{ ref('fact_appointment') }} cross join (select 1 as slept, pg_sleep(6)) s\n");
        await using var test = await TestPipeline.CreateAsync(postgres, config.Combine("warehouse"),
            configure: s => s with { FunctionTimeout = FunctionTimeout });
        Drops.Write(test.Folder.Combine("d1"));

        var (exit, output) = await test.CliAsync("drop", test.Folder.Combine("d1"));

        exit.Should().Be(0, output);
        (await test.ScalarAsync("select count(*) from analytics.slow_total")).Should().Be(1);
        var publish = (await test.Workflow.Store.ListAsync()).Single(r => r.StateMachineName == LocalWorkflow.PublishDrop);
        publish.Status.Should().Be(ExecutionStatus.Succeeded);
        publish.Path.Should().ContainInOrder("Build Models", "Models Built?", "Wait For Models", "Check Models", "Run Checks", "Reconcile",
            "Publish or Discard", "Drop Published");
    }

    [Fact]
    public async Task InvokeAsync_WhenAFunctionRunsPastItsTimeout_ShouldFailWithSandboxTimedout()
    {
        var invoker = new LocalLambdaInvoker(new Dictionary<string, HealthDw.Functions.StepHandler>
        {
            ["notify"] = async (_, ct) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return [];
            },
        }, timeout: TimeSpan.FromMilliseconds(200));

        var act = () => invoker.InvokeAsync("healthdw-notify", null, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<HealthDw.StateMachine.Tasks.TaskFailedException>()).Which;
        error.Error.Should().Be(LocalLambdaInvoker.TimedOut);
        error.Cause.Should().Contain("Task timed out after 0.20 seconds");
    }
}
