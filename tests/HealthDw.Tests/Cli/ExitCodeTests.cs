using System.Net;
using System.Net.Sockets;
using HealthDw.Cli.Local;
using HealthDw.Core.Pipeline;
using HealthDw.Tests.Support;
using Spectre.Console;

namespace HealthDw.Tests.Cli;

/// <summary>
/// The exit codes the README lists: 0 everything loaded (or already loaded, or ignored) and published; 1 a file rejected,
/// a step failed, or a drop not published; 2 a usage or configuration error, or no warehouse could be reached; 3 an
/// unexpected error. A drop loaded so far but not complete has failed at nothing: 0, with a line saying what it waits for.
/// </summary>
[Collection(PostgresSecondCollection.Name)]
public class ExitCodeTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData("status")]
    [InlineData("drop")]
    [InlineData("watch")]
    public async Task Cli_WhenNoWarehouseCanBeReached_ShouldExitTwoSayingWhereItTried(string command)
    {
        using var folder = new TempFolder();
        var port = PortNothingListensOn();
        var settings = new LocalSettings(folder.Combine(".healthdw"), TestConfig.SmallDrops, folder.Combine("bucket"),
            $"Host=127.0.0.1;Port={port};Username=postgres;Password=not-shown;Database=healthdw;Timeout=5");
        var file = folder.Write("chart_code_20261121T0200.csv", "CODEPK,CODE\n1,E11\n");
        string[] args = command switch
        {
            "drop" => ["drop", file],
            "watch" => ["watch", "--once", "--settle", "0.1"],
            _ => [command],
        };

        var (exit, output) = await RunAsync(args, settings);

        exit.Should().Be(2, output);
        output.Should().Contain($"no warehouse could be reached at 127.0.0.1:{port}")
            .And.Contain("healthdw warehouse start")
            .And.NotContain("internal error").And.NotContain("drop it again").And.NotContain("not-shown");
    }

    [Fact]
    public async Task WatchOnce_WhenTheDropIsBlocked_ShouldExitOne()
    {
        // The shipped configuration wants at least 100 providers in dim_provider; a drop at this scale has fewer, so the
        // publish is blocked by that check.
        await using var test = await TestPipeline.CreateAsync(postgres, Repo.ConfigFolder);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        foreach (var file in Directory.GetFiles(test.Folder.Combine("drop")))
            File.Copy(file, test.BucketFile(BucketLayout.Raw + Path.GetFileName(file)));

        var (exit, output) = await test.CliAsync("watch", "--once", "--settle", "0.3");

        (await test.LedgerRowsAsync()).Should().Be(drop.Files.Count, "every file loaded");
        output.Should().Contain($"drop-{drop.DropId}").And.Contain("HealthDw.DropBlocked");
        exit.Should().Be(1, output);
    }

    [Fact]
    public async Task Drop_WhenLoadedButTheDropIsNotComplete_ShouldSayWhatItWaitsForAndExitZero()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        var code = drop.Files.First(f => f.Table == "chart_code");
        var manifest = Directory.GetFiles(test.Folder.Combine("drop"), "_manifest_*.json").Single();

        var (exit, output) = await test.CliAsync("drop", manifest, test.Folder.Combine("drop", code.Name));

        exit.Should().Be(0, output);
        output.Should().Contain($"waiting drop {drop.DropId}");
        // The console wraps long lines at word boundaries: read the waiting line's words back as one line.
        var waiting = string.Join(' ', output[output.IndexOf("waiting drop", StringComparison.Ordinal)..]
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        waiting.Should().Contain("waiting for the manifest's files")
            .And.Contain(drop.Files.First(f => f.Table == "chart_appointment").Name)
            .And.NotContain(code.Name, "that file is loaded");
    }

    private static int PortNothingListensOn()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static Task<(int Exit, string Output)> RunAsync(string[] args, LocalSettings settings) =>
        TestPipeline.CliAsync(settings, 400, args);
}
