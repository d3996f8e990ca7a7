using HealthDw.Cli;
using HealthDw.Cli.Local;
using HealthDw.Tests.Support;
using Spectre.Console;

namespace HealthDw.Tests.Cli;

/// <summary><c>healthdw reset</c> (issue 12, item 10): the state folder grows by hundreds of MB a drop; reset stops the
/// local warehouse and removes it, but only when confirmed.</summary>
public class ResetCommandTests
{
    [Fact]
    public async Task Reset_WhenNoTerminalAndNoYes_ShouldRefuseWithExitTwoAndRemoveNothing()
    {
        using var folder = new TempFolder();
        var settings = Settings(folder);
        folder.Write(".healthdw/bucket/processed/x.csv", "a\n1\n");

        var (exit, output) = await CliAsync(settings, "reset");

        exit.Should().Be(2, output);
        output.Should().Contain("--yes").And.Contain(settings.Home);
        File.Exists(folder.Combine(".healthdw", "bucket", "processed", "x.csv")).Should().BeTrue("nothing is removed unconfirmed");
    }

    [Fact]
    public async Task Reset_WhenConfirmedWithYes_ShouldStopTheLocalWarehouseAndRemoveTheStateFolderSayingItsSize()
    {
        using var folder = new TempFolder();
        var settings = Settings(folder);
        await new LocalPostgresServer(Path.Combine(settings.Home, "pg"), durable: false).EnsureStartedAsync(CancellationToken.None);
        var pid = int.Parse(File.ReadLines(Path.Combine(settings.Home, "pg", "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        folder.Write(".healthdw/bucket/processed/x.csv", new string('x', 3 * 1024 * 1024));

        var (exit, output) = await CliAsync(settings, "reset", "--yes");

        exit.Should().Be(0, output);
        output.Should().Contain($"this removes {settings.Home} (").And.MatchRegex(@"\(\d+\.\d MB\)").And.Contain("local warehouse stopped");
        Directory.Exists(settings.Home).Should().BeFalse();
        ProcessIsGone(pid).Should().BeTrue("the warehouse server was stopped, not left running on deleted files");
    }

    [Fact]
    public async Task Reset_WhenTheStateFolderDoesNotExist_ShouldSayThereIsNothingToReset()
    {
        using var folder = new TempFolder();

        var (exit, output) = await CliAsync(Settings(folder), "reset", "--yes");

        exit.Should().Be(0, output);
        output.Should().Contain("nothing to reset");
    }

    [Fact]
    public async Task Reset_WhenTheStateFolderIsAGitWorkTree_ShouldRefuseWithExitTwo()
    {
        using var folder = new TempFolder();
        folder.Write(".git/HEAD", "ref: refs/heads/main\n");
        var settings = Settings(folder) with { Home = folder.Path };

        var (exit, output) = await CliAsync(settings, "reset", "--yes");

        exit.Should().Be(2, output);
        Directory.Exists(folder.Combine(".git")).Should().BeTrue();
    }

    private static LocalSettings Settings(TempFolder folder) =>
        new(folder.Combine(".healthdw"), TestConfig.SmallDrops, folder.Combine(".healthdw", "bucket"), null);

    /// <summary>Gone or a zombie: the stopped postmaster is nobody's child here, and a container's init may not reap it.</summary>
    private static bool ProcessIsGone(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return true;
        var text = File.ReadAllText(stat);
        return text[(text.LastIndexOf(')') + 2)..].StartsWith('Z');
    }

    private static Task<(int Exit, string Output)> CliAsync(LocalSettings settings, params string[] args) =>
        TestPipeline.CliAsync(settings, 300, args);
}
