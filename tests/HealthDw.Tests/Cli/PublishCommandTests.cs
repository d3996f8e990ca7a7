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
}
