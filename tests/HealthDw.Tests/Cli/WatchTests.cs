using HealthDw.Cli.Local;
using HealthDw.Core.Pipeline;
using HealthDw.Tests.Support;
using HealthDw.Functions.Steps;

namespace HealthDw.Tests.Cli;

public class RawFilesWatcherTests
{
    private static readonly DateTime T0 = new(2026, 11, 21, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Poll_WhenAFileIsStillGrowing_ShouldWaitUntilItHasSettled()
    {
        using var folder = new TempFolder();
        var watcher = new RawFilesWatcher(folder.Path, TimeSpan.FromSeconds(2));
        var file = folder.Write("chart_code_20261121T0200.csv", "CODEPK,CODE\n");

        watcher.Poll(T0).Should().BeEmpty("first sight");
        File.AppendAllText(file, "1,E11\n");
        watcher.Poll(T0.AddSeconds(3)).Should().BeEmpty("it grew since the last look");
        watcher.Poll(T0.AddSeconds(4)).Should().BeEmpty("unchanged for 1 s only");
        watcher.Poll(T0.AddSeconds(5.5)).Should().Equal("chart_code_20261121T0200.csv");
        watcher.Poll(T0.AddSeconds(9)).Should().BeEmpty("each version once");
    }

    [Fact]
    public void Poll_WhenAFileIsReplacedByANewVersion_ShouldHandItOutAgain()
    {
        using var folder = new TempFolder();
        var watcher = new RawFilesWatcher(folder.Path, TimeSpan.FromSeconds(1));
        var file = folder.Write("deep/a.csv", "x\n");
        watcher.Poll(T0);
        watcher.Poll(T0.AddSeconds(2)).Should().Equal("deep/a.csv");

        File.WriteAllText(file, "x\ny\n");
        watcher.Poll(T0.AddSeconds(3)).Should().BeEmpty();
        watcher.Poll(T0.AddSeconds(5)).Should().Equal("deep/a.csv");
    }
}

[Collection(PostgresCollection.Name)]
public class WatchTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Watch_WhenAWholeDropLandsAtOnce_ShouldIngestEveryFileAndPublishOnce()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        foreach (var file in Directory.GetFiles(test.Folder.Combine("drop")))
            File.Copy(file, test.BucketFile(BucketLayout.Raw + Path.GetFileName(file)));

        var (exit, output) = await test.CliAsync("watch", "--once", "--settle", "0.3");

        exit.Should().Be(0, output);
        test.BucketKeys("raw_files").Should().BeEmpty();
        (await test.LedgerRowsAsync()).Should().Be(drop.Files.Count);
        output.Should().Contain($"drop-{drop.DropId}: published");
        (await test.ScalarAsync("select count(*) from audit.drop_publications")).Should().Be(1);
    }

    /// <summary>The watcher saw a file in raw_files/, and before it started an execution a <c>healthdw drop</c> of the same
    /// file had handled it (here: refused it, and moved it to error_files/). The watcher must not look the key up and fail
    /// (it stopped watching with "no object ... in the bucket"), nor start an execution for it.</summary>
    [Fact]
    public async Task IngestIfPresent_WhenAnotherProcessArchivedTheFileAfterTheWatcherSawIt_ShouldDoNothing()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", "CODEPK,NOPE\n1,x\n");
        var seen = new RawFilesWatcher(test.BucketFile(BucketLayout.Raw), TimeSpan.Zero);
        File.Copy(file, test.BucketFile(BucketLayout.Raw + "chart_code_20261121T0200.csv"));
        seen.Poll(DateTime.UtcNow);
        var ready = seen.Poll(DateTime.UtcNow.AddSeconds(1));
        (await test.Runner.DropAsync(file, null, CancellationToken.None)).Outcome.Status.Should().Be(StepStatus.Rejected);
        var executions = (await test.Workflow.Store.ListAsync(CancellationToken.None)).Count;

        var outcome = await test.Runner.IngestIfPresentAsync(BucketLayout.Raw + ready.Single(), CancellationToken.None);

        outcome.Should().BeNull();
        (await test.Workflow.Store.ListAsync(CancellationToken.None)).Should().HaveCount(executions, "no execution for a file that is gone");
    }
}
