using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

[Collection(PostgresCollection.Name)]
public class PublishCommandTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Publish_WhenNoFileOfTheDropWasLoaded_ShouldRefuseAndBuildNothing()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);

        var (exit, output) = await test.CliAsync("publish", "20990101T0000");

        exit.Should().Be(2, output);
        output.Should().Contain("no file of drop 20990101T0000 has been loaded");
        (await test.ScalarAsync("select count(*) from audit.drop_publications")).Should().Be(0);
    }

    [Fact]
    public async Task Publish_WhenRunByHand_ShouldSendTheDropsDigestLikeTheWorkflow()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        Drops.Write(test.Folder.Combine("drop"));
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(0);
        var outbox = Path.Combine(test.Settings.Home, "outbox", "notifications.jsonl");
        var before = File.ReadAllLines(outbox).Length;

        var (exit, output) = await test.CliAsync("publish", Drops.DropId);

        exit.Should().Be(0, output);
        var sent = File.ReadAllLines(outbox);
        sent.Should().HaveCount(before + 1);
        sent[^1].Should().Contain("\"drop_published\"").And.Contain(Drops.DropId);
    }

    [Fact]
    public async Task Publish_WhenRunByHand_ShouldRunPublishDropUnderANewNameThatExecutionsListShows()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        Drops.Write(test.Folder.Combine("drop"));
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(0);

        var (exit, output) = await test.CliAsync("publish", Drops.DropId);

        exit.Should().Be(0, output);
        output.Should().Contain("built ").And.Contain("running ").And.Contain($"drop-{Drops.DropId}-r2");
        var (_, list) = await test.CliAsync("executions", "list");
        list.Should().Contain($"drop-{Drops.DropId}-r2").And.Contain(HealthDw.Cli.Local.LocalWorkflow.PublishDrop);
        var record = (await test.Workflow.Store.ListAsync()).Single(r => r.Name == $"drop-{Drops.DropId}-r2");
        record.Path.Should().ContainInOrder("Check Drop", "Is Drop Complete?", "Start Model Checks", "Build Models", "Run Checks", "Reconcile",
            "Publish or Discard", "Drop Published");
    }

    [Theory]
    [InlineData(new string[0], "drop-20261121T0200")]
    [InlineData(new[] { "drop-20261121T0200" }, "drop-20261121T0200-r2")]
    [InlineData(new[] { "drop-20261121T0200", "drop-20261121T0200-r2" }, "drop-20261121T0200-r3")]
    public void PublishExecutionName_WhenNamesAreTaken_ShouldTakeTheFirstFreeRound(string[] taken, string expected) =>
        HealthDw.Cli.Local.LocalWorkflow.PublishExecutionName("20261121T0200", taken.ToHashSet()).Should().Be(expected);
}
