using HealthDw.Cli.Bench;
using HealthDw.Cli.Local;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

/// <summary><c>bench --publish</c> at tiny sizes: it runs end to end and prints its table. Its figures are not asserted.</summary>
[Collection(PostgresCollection.Name)]
public class PublishBenchTests(PostgresFixture postgres)
{
    [Fact]
    public async Task BenchPublish_AtTwoTinySizes_ShouldPublishEachAndPrintTheTimesAndRatios()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);

        var (exit, output) = await test.CliAsync("bench", "--publish", "--scales", "0.01,0.02");

        exit.Should().Be(0, output);
        output.Should().Contain("warm-up (not measured): loading ").And.Contain("scale 0.01: generating the drop").And.Contain("scale 0.02: loading ").And.Contain("scale 0.02: published in ").And.MatchRegex(@"scale 0\.02: [0-9.]+ s: running [0-9]+ checks")
            .And.Contain("publish of a first drop, by drop size").And.Contain("the rows,").And.Contain("the publish time (goal: at most ")
            .And.Contain("at scale 0.02 the publish takes ").And.Contain("the load of the same drop");
        output.Should().MatchRegex(@"│\s+0\.01 │\s+[0-9,]+ │\s+[0-9.]+ s │\s+[0-9.]+ s │\s+[0-9.]+× │ \w+ [0-9.]+ s");
        (await test.ScalarAsync($"select count(*) from pg_database where datname = '{PublishBench.BenchDatabase}'")).Should().Be(0, "the throwaway database is dropped");
        (await test.ScalarAsync("select count(*) from information_schema.tables where table_schema = 'analytics'")).Should().Be(0,
            "the caller's warehouse is left as it was");
        Directory.Exists(Path.Combine(test.Settings.Home, "bench-publish")).Should().BeFalse();
    }

    [Fact]
    public async Task BenchPublish_WhenTheShippedChecksBlockTheDrop_ShouldSayWhyAndExitAsAUsageError()
    {
        await using var test = await TestPipeline.CreateAsync(postgres, Repo.ConfigFolder);

        var (exit, output) = await test.CliAsync("bench", "--publish", "--scales", "0.01");

        exit.Should().Be(2, output);
        output.Should().Contain("the publish at scale 0.01 was blocked").And.Contain("row_count between 100 and 10000")
            .And.Contain("scale 0.5 or more");
        (await test.ScalarAsync($"select count(*) from pg_database where datname = '{PublishBench.BenchDatabase}'")).Should().Be(0);
    }
}
