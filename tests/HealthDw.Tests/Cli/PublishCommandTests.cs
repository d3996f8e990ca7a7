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
}
