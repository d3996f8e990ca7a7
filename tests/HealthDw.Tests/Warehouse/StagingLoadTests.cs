using System.Diagnostics;
using HealthDw.Cli;
using HealthDw.Core.Loading;
using HealthDw.Functions.Steps;
using HealthDw.Generator;
using HealthDw.Tests.Support;
using Npgsql;

namespace HealthDw.Tests.Warehouse;

[Collection(PostgresCollection.Name)]
public class StagingLoadTests(PostgresFixture postgres)
{
    private const string CodeHeader = "CODEPK,CODE,CODE_TYPE,DESCRIPTION,UPDATE_AT\n";

    private static string CodeRows(params long[] keys) =>
        CodeHeader + string.Concat(keys.Select(k => $"{k},E{k},ICD10,\"Some, description\",2026-11-20 10:00:00\n"));

    [Fact]
    public async Task Load_WhenKeysUnsortedButUnique_ShouldLoadEveryRow()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", CodeRows(5, 3, 9, 1));

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        run.Outcome.Status.Should().Be(StepStatus.Loaded);
        (await test.StagingRowsAsync("chart_code")).Should().Be(4);
        (await test.ScalarAsync("select sum(_source_line) from staging.chart_code")).Should().Be(2 + 3 + 4 + 5);
    }

    [Fact]
    public async Task Load_WhenUnsortedKeysRepeatApart_ShouldRejectNamingBothLines()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", CodeRows(5, 3, 9, 3, 1));

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        run.Outcome.Status.Should().Be(StepStatus.Rejected);
        run.Outcome.Verdict!.Problems.Select(p => (p.Rule, p.Line)).Should().Equal((Rules.DuplicateKey, 3L), (Rules.DuplicateKey, 5L));
        (await test.StagingRowsAsync("chart_code")).Should().Be(0);
        (await test.LedgerRowsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Load_WhenBadRowsAreMany_ShouldListTheFirstFewAndCountAll()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var text = CodeHeader + string.Concat(Enumerable.Range(1, 1000).Select(k => $"{k},E{k},ICD10,x,{(k % 4 == 0 ? "soon" : "2026-11-20 10:00:00")}\n"));
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", text);

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        run.Outcome.Verdict!.ProblemCount.Should().Be(250);
        run.Outcome.Verdict.Problems.Should().HaveCount(HealthDw.Functions.Steps.ProblemDto.MaxListed, "a verdict travels in the workflow's state, capped at 256 KiB");
        run.Outcome.Verdict.Problems[0].Should().BeEquivalentTo(new { Rule = Rules.Type, Line = 5L, Column = 5, ColumnName = "UPDATE_AT" });
        (await test.StagingRowsAsync("chart_code")).Should().Be(0);
    }

    [Fact]
    public async Task Load_WhenBadRowComesAfterTheValidatedPrefix_ShouldStillRejectTheWholeFile()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var keys = Enumerable.Range(1, 5000).Select(k => (long)k).ToArray();
        var text = CodeRows(keys) + "5001,E1,ICD10,x,yesterday\n"; // past the 64 KiB the Validate step reads
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", text);
        new FileInfo(file).Length.Should().BeGreaterThan(64 * 1024);

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        run.Outcome.Verdict!.Stage.Should().Be("load");
        run.Outcome.Verdict.Problems.Should().ContainSingle().Which.Line.Should().Be(5002);
        (await test.StagingRowsAsync("chart_code")).Should().Be(0, "the 5,000 good rows before the bad one were rolled back");
        (await test.LedgerRowsAsync()).Should().Be(0);
    }

    // Issue 12, item 2: a NUL byte in a text cell made PostgreSQL's COPY fail ("invalid byte sequence for encoding UTF8:
    // 0x00"), a step_failed at line 0 that said nothing was wrong with the file. It is a positioned rejection, whether the
    // Validate step's sample holds it or only the load reads it.
    [Theory]
    [InlineData(3, "validate")]
    [InlineData(5000, "load")]
    public async Task Load_WhenATextCellHoldsANulByte_ShouldRejectItsLineAndColumn(int goodRows, string stage)
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var text = CodeRows(Enumerable.Range(1, goodRows).Select(k => (long)k).ToArray()) + $"{goodRows + 1},E1,ICD10,Some\0thing,2026-11-20 10:00:00\n";
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", text);

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        run.Outcome.Status.Should().Be(StepStatus.Rejected);
        run.Outcome.Verdict!.Problems.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Rule = Rules.Encoding, Line = goodRows + 2L, Column = 4, ColumnName = "DESCRIPTION" });
        run.Outcome.Verdict.Stage.Should().Be(stage);
        (await test.StagingRowsAsync("chart_code")).Should().Be(0);
    }

    // Issue 12, item 7: many exporters end a file with an extra line break or two; blank lines at the end are not data.
    [Theory]
    [InlineData(3, "\n")]
    [InlineData(3, "\r\n\n\n")]
    [InlineData(5000, "\n\n")]
    public async Task Load_WhenTheFileEndsWithBlankLines_ShouldLoadItsRows(int rows, string tail)
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", CodeRows(Enumerable.Range(1, rows).Select(k => (long)k).ToArray()) + tail);

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        run.Outcome.Status.Should().Be(StepStatus.Loaded);
        (await test.StagingRowsAsync("chart_code")).Should().Be(rows);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5000)]
    public async Task Load_WhenABlankLineIsBetweenRows_ShouldRejectItsLine(int rows)
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var keys = Enumerable.Range(1, rows).Select(k => (long)k).ToArray();
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", CodeRows(keys) + "\n" + CodeRows(rows + 1)[CodeHeader.Length..] + "\n");

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        run.Outcome.Status.Should().Be(StepStatus.Rejected);
        run.Outcome.Verdict!.Problems.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Rule = Rules.FieldCount, Line = rows + 2L });
        (await test.StagingRowsAsync("chart_code")).Should().Be(0);
    }

    [Fact]
    public async Task Load_WhenTwoLoadsOfOneFileRace_ShouldLoadItOnce()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", CodeRows(Enumerable.Range(1, 20_000).Select(k => (long)k).ToArray()));
        await test.Pipeline.Store.PutAsync("raw_files/chart_code_20261121T0200.csv", File.OpenRead(file), CancellationToken.None);
        var head = await test.Pipeline.Store.HeadAsync("raw_files/chart_code_20261121T0200.csv", CancellationToken.None);
        var fileRef = new RoutedFile(head!.Bucket, head.Key, head.Size, head.ETag, null, "chart_code", new HealthDw.Core.Pipeline.DropId("20261121T0200"), null);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => test.Pipeline.Load.HandleAsync(fileRef, null, CancellationToken.None))));

        results.Count(r => r.Status == StepStatus.Loaded).Should().Be(1);
        results.Count(r => r.Status == StepStatus.AlreadyLoaded).Should().Be(3);
        (await test.StagingRowsAsync("chart_code")).Should().Be(20_000);
        (await test.LedgerRowsAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Load_WhenProcessIsKilledMidLoad_ShouldLeaveNothingAndLoadOnceWhenDroppedAgain()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var path = test.Folder.Combine("in", "chart_appointment_20261121T0200.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        long rows;
        await using (var output = File.Create(path))
        {
            rows = new ExtractGenerator().WriteTable("chart_appointment", 1_500_000, 3, "20261121T0200", output);
        }

        using (var cli = StartCli(test, "drop", path))
        {
            await WaitUntilCopyingAsync(test, cli);
            cli.Kill(entireProcessTree: true);
            await cli.WaitForExitAsync();
        }

        await WaitForBackendsToEndAsync(test);
        (await test.StagingRowsAsync("chart_appointment")).Should().Be(0);
        (await test.LedgerRowsAsync()).Should().Be(0);
        test.BucketKeys("raw_files").Should().Equal("raw_files/chart_appointment_20261121T0200.csv");

        var (exit, output2) = await test.CliAsync("drop", path);

        exit.Should().Be(0, output2);
        (await test.StagingRowsAsync("chart_appointment")).Should().Be(rows);
        (await test.LedgerRowsAsync()).Should().Be(1);
    }

    private static Process StartCli(TestPipeline test, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(HealthDwCli).Assembly.Location);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["HEALTHDW_HOME"] = test.Settings.Home;
        info.Environment["HEALTHDW_CONFIG"] = test.Settings.ConfigFolder;
        info.Environment["HEALTHDW_BUCKET"] = test.Settings.BucketFolder;
        info.Environment["HEALTHDW_WAREHOUSE"] = test.Settings.WarehouseConnection;
        return Process.Start(info)!;
    }

    /// <summary>Polls the server's COPY progress view until the child process has rows in flight.</summary>
    private static async Task WaitUntilCopyingAsync(TestPipeline test, Process cli)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (cli.HasExited)
                throw new InvalidOperationException("the load ended before it could be killed: " + await cli.StandardOutput.ReadToEndAsync() + await cli.StandardError.ReadToEndAsync());
            if (await test.ScalarAsync("select coalesce(max(tuples_processed), 0) from pg_stat_progress_copy where datname = current_database()") > 10_000)
                return;
            await Task.Delay(10);
        }

        throw new TimeoutException("the child process never started copying");
    }

    private static async Task WaitForBackendsToEndAsync(TestPipeline test)
    {
        for (var i = 0; i < 500 && await test.ScalarAsync(
                 "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'") > 0; i++)
            await Task.Delay(10);
        NpgsqlConnection.ClearAllPools();
    }
}
