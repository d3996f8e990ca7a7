using System.Diagnostics;
using HealthDw.Cli;
using HealthDw.Cli.Local;
using HealthDw.Tests.Support;
using HealthDw.Warehouse.DuckDb;

namespace HealthDw.Tests.Cli;

/// <summary>
/// Issue 14, item 2: DuckDB lets one process at a time open the warehouse file. A command holds it only while it works
/// (so <c>watch</c>, idle, does not lock the others out); a command that finds it held waits, then names the process that
/// holds it; DuckDB's raw lock error never reaches the person. Each test runs two processes: this one and the CLI's.
/// </summary>
public sealed class DuckDbTwoProcessTests : IDisposable
{
    private readonly TempFolder _folder = new("healthdw-duckdb-two");

    private LocalSettings Settings => LocalSettings.WithWarehouse(
        new LocalSettings(_folder.Combine(".healthdw"), TestConfig.SmallDrops, _folder.Combine(".healthdw", "bucket"), null), "duckdb");

    [Fact]
    public async Task Status_WhileWatchRunsInAnotherProcess_ShouldAnswer()
    {
        (await TestPipeline.CliAsync(Settings, 200, "status")).Exit.Should().Be(0, "the first command creates the warehouse");
        using var watch = StartCli(wait: 30, "watch");
        await ReadUntilAsync(watch.StandardOutput, "watching");

        var status = await TestPipeline.CliAsync(Settings, 200, "status");
        var executions = await TestPipeline.CliAsync(Settings, 200, "executions", "list");

        status.Exit.Should().Be(0, status.Output);
        executions.Exit.Should().Be(0, executions.Output);
        watch.HasExited.Should().BeFalse("watch keeps running beside them");
        watch.Kill(entireProcessTree: true);
    }

    [Fact]
    public async Task DropAndReport_WhileWatchRunsInAnotherProcess_ShouldLoadOnceAndAnswer()
    {
        (await TestPipeline.CliAsync(Settings, 200, "status")).Exit.Should().Be(0, "the first command creates the warehouse");
        var file = _folder.Combine("in", "chart_code_20261121T0200.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        long rows;
        await using (var output = File.Create(file))
            rows = new HealthDw.Generator.ExtractGenerator().WriteTable("chart_code", 200, 3, "20261121T0200", output);
        using var watch = StartCli(wait: 30, "watch");
        await ReadUntilAsync(watch.StandardOutput, "watching");

        // The watcher sees the file land in raw_files/ too: whichever execution comes second yields, so it loads once.
        var drop = await TestPipeline.CliAsync(Settings, 200, "drop", file);
        var report = await TestPipeline.CliAsync(Settings, 200, "report", "--out", _folder.Combine("report.html"));

        drop.Exit.Should().Be(0, drop.Output);
        drop.Output.Should().NotContainAny("Could not set lock", "IO Error");
        report.Output.Should().Contain("nothing is published yet", "report read the warehouse beside watch and answered (the drop is incomplete)");
        report.Output.Should().NotContainAny("Could not set lock", "IO Error");
        watch.HasExited.Should().BeFalse("watch keeps running beside them");
        watch.Kill(entireProcessTree: true);
        await watch.WaitForExitAsync();
        var status = await TestPipeline.CliAsync(Settings, 200, "status");
        status.Output.Should().Contain($"{rows:N0}", "the file's rows are loaded once, by one of the two processes");
    }

    [Fact]
    public async Task Status_WhenAnotherProcessHoldsTheWarehouseThroughTheWait_ShouldNameThatProcessNotALockError()
    {
        (await TestPipeline.CliAsync(Settings, 200, "status")).Exit.Should().Be(0);
        await using var holder = DuckDbDatabase.Open(Settings.DuckDbFile!);
        await using var held = await holder.ConnectAsync(default);

        using var status = StartCli(wait: 1, "status");
        var output = await status.StandardOutput.ReadToEndAsync() + await status.StandardError.ReadToEndAsync();
        await status.WaitForExitAsync();

        status.ExitCode.Should().Be(2, output);
        output.Should().Contain($"in use by process {Environment.ProcessId}").And.Contain(Settings.DuckDbFile!)
            .And.NotContain("Could not set lock").And.NotContain("internal error");
    }

    [Fact]
    public async Task Status_WhenTheOtherProcessLetsGoDuringTheWait_ShouldAnswer()
    {
        (await TestPipeline.CliAsync(Settings, 200, "status")).Exit.Should().Be(0);
        var holder = DuckDbDatabase.Open(Settings.DuckDbFile!);
        var held = await holder.ConnectAsync(default);

        using var status = StartCli(wait: 120, "status");
        await ReadUntilAsync(status.StandardError, "waiting up to");
        await held.DisposeAsync();
        await holder.DisposeAsync();
        var output = await status.StandardOutput.ReadToEndAsync();
        await status.WaitForExitAsync();

        status.ExitCode.Should().Be(0, output);
        output.Should().Contain("recent rejections");
    }

    public void Dispose() => _folder.Dispose();

    private Process StartCli(int wait, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(HealthDwCli).Assembly.Location);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["HEALTHDW_HOME"] = Settings.Home;
        info.Environment["HEALTHDW_CONFIG"] = Settings.ConfigFolder;
        info.Environment["HEALTHDW_BUCKET"] = Settings.BucketFolder;
        info.Environment["HEALTHDW_WAREHOUSE"] = "duckdb";
        info.Environment["HEALTHDW_WAREHOUSE_WAIT"] = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Process.Start(info)!;
    }

    /// <summary>Reads the child's output until a line holds <paramref name="text"/> (a minute at most: a hung child fails the test).</summary>
    private static async Task ReadUntilAsync(StreamReader output, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await output.ReadLineAsync(timeout.Token) is { } line)
            if (line.Contains(text, StringComparison.Ordinal)) return;
        throw new InvalidOperationException($"the child ended without saying '{text}'");
    }
}
