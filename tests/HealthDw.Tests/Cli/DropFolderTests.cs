using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

/// <summary>
/// Issue 12, item 10: <c>drop faults/</c> silently did nothing (drop takes a folder's own files, not its sub-folders), and a
/// fault file, named like the real file so that it routes like it, was not told apart from it.
/// </summary>
[Collection(PostgresCollection.Name)]
public class DropFolderTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Drop_WhenTheFolderHoldsOnlySubFolders_ShouldExitTwoNamingThemAndHowToDropOne()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        Drops.Write(test.Folder.Combine("drop"), faults: true);

        var (exit, output) = await test.CliAsync("drop", test.Folder.Combine("drop", "faults"));

        exit.Should().Be(2, output);
        Unwrapped(output).Should().Contain("nothing to drop").And.Contain("bad_type").And.Contain("wrong_delimiter").And.Contain("one at a time")
            .And.Contain($"healthdw drop {test.Folder.Combine("drop", "faults", "bad_type")}");
        test.BucketKeys("raw_files").Should().BeEmpty();
        (await test.LedgerRowsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Drop_WhenTheFolderHasFilesAndSubFolders_ShouldDropTheFilesAndSayWhichSubFoldersItSkipped()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"), faults: true);

        var (exit, output) = await test.CliAsync("drop", test.Folder.Combine("drop"));

        exit.Should().Be(0, output);
        Unwrapped(output).Should().Contain("skipped 1 sub-folder(s)").And.Contain("Skipped: faults.");
        (await test.LedgerRowsAsync()).Should().Be(drop.Files.Count, "the folder's own files were dropped, no fault");
    }

    [Fact]
    public async Task Drop_WhenTheFileIsAGeneratedFault_ShouldSayWhichFaultItIs()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"), faults: true);
        var fault = drop.Faults.Single(f => f.Fault == "bad_type");
        var name = Path.GetFileName(fault.RelativePath);

        var (exit, output) = await test.CliAsync("drop", test.Folder.Combine("drop", fault.RelativePath));

        exit.Should().Be(1, output);
        Unwrapped(output).Should().Contain($"fault bad_type: one APPT_START value is not a timestamp; {name} is a broken copy of the real file")
            .And.Contain($"rejected {name} (fault bad_type): ");
    }

    /// <summary>The console wraps long lines at its width.</summary>
    private static string Unwrapped(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
}
