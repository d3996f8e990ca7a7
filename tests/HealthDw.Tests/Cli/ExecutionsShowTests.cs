using System.Text.Json.Nodes;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

/// <summary><c>executions show</c> of a publish: each phase with its time; a failure names the phase and the model;
/// <c>--full</c> cuts nothing; <c>--json</c> is the history as GetExecutionHistory returns it.</summary>
[Collection(PostgresCollection.Name)]
public class ExecutionsShowTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Show_WhenADropPublished_ShouldListEachPhaseWithItsTime()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        Drops.Write(test.Folder.Combine("d1"));
        (await test.CliAsync("drop", test.Folder.Combine("d1"))).Exit.Should().Be(0);

        var (exit, output) = await test.CliAsync("executions", "show", $"drop-{Drops.DropId}");

        exit.Should().Be(0, output);
        output.Should().Contain("phases");
        foreach (var phase in new[] { "Build Models", "Run Checks", "Reconcile", "Publish or Discard" })
            output.Should().MatchRegex($@"{phase}\s*│\s*done\s*│\s*\d+\.\d", $"the {phase} phase is listed as done with its seconds");
        output.Should().Contain("slowest:").And.Contain("checks:").And.Contain("control totals agree");
    }

    [Fact]
    public async Task Show_WhenAModelFails_ShouldNameThePhaseAndTheModel()
    {
        using var config = new TempFolder();
        config.CopyIn(Path.GetDirectoryName(TestConfig.SmallDrops)!);
        config.Write("warehouse/models/marts/broken_total.sql",
            "{{ config(materialized='table') }}\nselect cast(max(a.appointment_pk) as text)::date as n from {{ ref('fact_appointment') }} a\n");
        await using var test = await TestPipeline.CreateAsync(postgres, config.Combine("warehouse"));
        Drops.Write(test.Folder.Combine("d1"));
        (await test.CliAsync("drop", test.Folder.Combine("d1"))).Exit.Should().Be(1);

        var (_, output) = await test.CliAsync("executions", "show", $"drop-{Drops.DropId}", "--full");

        output.Should().Contain("failed in state Check Models (phase Build Models)")
            .And.Contain("Build Models: model broken_total (models/marts/broken_total.sql)");
        output.Should().MatchRegex(@"Build Models\s*│\s*failed");
        output.Should().NotContain("...", "--full cuts nothing");
    }

    [Fact]
    public async Task Show_WhenAskedForJson_ShouldPrintTheHistoryAsGetExecutionHistoryDoes()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        Drops.Write(test.Folder.Combine("d1"));
        (await test.CliAsync("drop", test.Folder.Combine("d1"))).Exit.Should().Be(0);

        var (exit, output) = await test.CliAsync("executions", "show", $"drop-{Drops.DropId}", "--json");

        exit.Should().Be(0, output);
        var events = JsonNode.Parse(output)!["events"]!.AsArray();
        ((string?)events[0]!["type"]).Should().Be("ExecutionStarted");
        events.Should().Contain(e => (string?)e!["type"] == "TaskStateEntered" && (string?)e["stateEnteredEventDetails"]!["name"] == "Check Drop");
        events.Should().Contain(e => (string?)e!["type"] == "TaskScheduled" && e["taskScheduledEventDetails"]!["parameters"] != null);
        events.Select(e => (long)e!["id"]!).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }
}
