using System.Diagnostics;
using HealthDw.Cli;
using HealthDw.Core.Publishing;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

/// <summary>
/// Every long step shows its progress. When the output is not a terminal (a pipe, a CI log) that progress is plain lines:
/// one per file written, per file loaded, per model and per check, and never an ANSI escape code or a carriage return.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ProgressOutputTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Drop_WhenTheToolsOutputIsRedirected_ShouldPrintEachFileAndEachModelAsPlainLines()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"));

        var (exit, output, errors) = await RunToolAsync(test, "drop", test.Folder.Combine("drop"));

        exit.Should().Be(0, output + errors);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        foreach (var file in drop.Files)
            lines.Should().Contain(l => l.StartsWith($"  {file.Name}: loaded: {file.Rows:N0} rows, ", StringComparison.Ordinal), file.Name);
        foreach (var model in test.Pipeline.Analytics.Models.Models.Keys)
        {
            lines.Should().Contain(l => l.StartsWith($"  model {model}: building (", StringComparison.Ordinal), model);
            lines.Should().Contain(l => l.StartsWith($"  model {model}: built in ", StringComparison.Ordinal), model);
        }

        lines.Count(l => l.StartsWith("  check ", StringComparison.Ordinal)).Should().Be(test.Pipeline.Analytics.Checks.Count);
        output.Should().NotContain("\u001b", "redirected output is read in logs and pipes: no ANSI escape codes")
            .And.NotContain("\r", "and no carriage-return animation");
    }

    [Fact]
    public async Task Generate_WhenOutputIsNotATerminal_ShouldPrintEachFileWritten()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var folder = test.Folder.Combine("generated");

        var (exit, output) = await test.CliAsync("generate", "--scale", "0.02", "--out", folder);

        exit.Should().Be(0, output);
        var written = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
        written.Should().NotBeEmpty();
        foreach (var file in written)
            output.Should().Contain($"  wrote {file} (", because: file);
    }

    [Fact]
    public async Task Publish_WhenRunByHandWithOutputNotATerminal_ShouldPrintEachModelAndEachCheckWithoutItsValue()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        Drops.Write(test.Folder.Combine("drop"));
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(0);

        var (_, output) = await test.CliAsync("publish", Drops.DropId);

        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        foreach (var model in test.Pipeline.Analytics.Models.Models.Keys)
            lines.Should().Contain(l => l.StartsWith($"  model {model}: built in ", StringComparison.Ordinal), model);
        var checks = lines.Where(l => l.StartsWith("  check ", StringComparison.Ordinal)).ToList();
        checks.Should().HaveCount(test.Pipeline.Analytics.Checks.Count);
        // A check's line says its outcome and how far the run is, not what it measured (a min or a max is a cell).
        checks.Should().OnlyContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @": (pass|warn|fail) \(\d+/\d+\)$"));
    }

    [Fact]
    public async Task ModelsRunAndChecksRun_WhenOutputIsNotATerminal_ShouldPrintEachModelAndEachCheck()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        Drops.Write(test.Folder.Combine("drop"));
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(0);

        var (modelsExit, models) = await test.CliAsync("models", "run");
        var (_, checks) = await test.CliAsync("checks", "run");

        modelsExit.Should().Be(0, models);
        foreach (var model in test.Pipeline.Analytics.Models.Models.Keys)
            models.Should().Contain($"  model {model}: built in ", because: model);
        checks.Split('\n').Count(l => l.StartsWith("  check ", StringComparison.Ordinal)).Should().Be(test.Pipeline.Analytics.Checks.Count);
    }

    /// <summary>The built tool in its own process, its output redirected as in a pipe or a CI log.</summary>
    private static async Task<(int Exit, string Output, string Errors)> RunToolAsync(TestPipeline test, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(HealthDwCli).Assembly.Location);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["HEALTHDW_HOME"] = test.Settings.Home;
        info.Environment["HEALTHDW_CONFIG"] = test.Settings.ConfigFolder;
        info.Environment["HEALTHDW_BUCKET"] = test.Settings.BucketFolder;
        info.Environment["HEALTHDW_WAREHOUSE"] = test.Settings.WarehouseConnection;
        // Whatever terminal the tests run in, the tool must look at its own output, which is redirected here.
        info.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}
