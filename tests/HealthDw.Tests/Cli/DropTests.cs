using System.Text.Json;
using FluentAssertions.Execution;
using HealthDw.Functions.Steps;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

[Collection(PostgresCollection.Name)]
public class DropTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Drop_WhenCleanDrop_ShouldLoadEveryFileOnceAndArchiveIt()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"));

        var (exit, output) = await test.CliAsync("drop", test.Folder.Combine("drop"));

        exit.Should().Be(0, output);
        foreach (var table in drop.Files.GroupBy(f => f.Table))
            (await test.StagingRowsAsync(table.Key)).Should().Be(table.Sum(f => f.Rows), table.Key);
        test.BucketKeys("raw_files").Should().BeEmpty();
        test.BucketKeys("processed").Should().HaveCount(drop.Files.Count + 1, "every file and the manifest");
        (await test.LedgerRowsAsync()).Should().Be(drop.Files.Count);
        output.Should().NotContain("wait for the rest of the drop", "files go in dependency order, so every reference is checked at once");
    }

    [Fact]
    public async Task Drop_WhenTheSameDropArrivesAgain_ShouldSayAlreadyLoadedAndAddNothing()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        await test.CliAsync("drop", test.Folder.Combine("drop"));
        var rows = await test.ScalarAsync("select sum(rows_loaded) from audit.load_ledger");

        var (exit, output) = await test.CliAsync("drop", test.Folder.Combine("drop"));

        exit.Should().Be(0, output);
        // Each file's row of the table at the end (its progress line says it too, as the file goes through).
        output.Split('\n').Count(l => l.StartsWith('│') && l.Contains("already loaded", StringComparison.Ordinal)).Should().Be(drop.Files.Count);
        output.Should().NotContain("late_file", "files already loaded are not late: nothing new reached staging");
        (await test.LedgerRowsAsync()).Should().Be(drop.Files.Count);
        (await test.ScalarAsync("select sum(rows_loaded) from audit.load_ledger")).Should().Be(rows);
        var staged = 0L;
        foreach (var table in drop.Files.Select(f => f.Table).Distinct()) staged += await test.StagingRowsAsync(table);
        staged.Should().Be(rows);
        test.BucketKeys("raw_files").Should().BeEmpty("a re-dropped copy of an archived file is not kept twice");
    }

    [Fact]
    public async Task Drop_WhenChangedFileUnderTheSameName_ShouldLoadItAsANewVersion()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        await test.CliAsync("drop", test.Folder.Combine("drop"));
        var location = drop.Files.Single(f => f.Table == "register_location");
        var path = test.Folder.Combine("drop", location.Name);
        File.WriteAllLines(path, File.ReadAllLines(path).Take(2)); // the vendor re-sends one changed row

        var (exit, output) = await test.CliAsync("drop", path);

        exit.Should().Be(0, output);
        output.Should().Contain("loaded");
        (await test.StagingRowsAsync("register_location")).Should().Be(location.Rows + 1);
        (await test.ScalarAsync("select count(distinct _source_version) from staging.register_location")).Should().Be(2);
        test.BucketKeys("processed").Should().Contain(k => k.EndsWith("/" + location.Name, StringComparison.Ordinal) && k.Split('/').Length == 4,
            "the second version is archived beside the first, under its version token");
        // late_files: publish (the shipped default): the drop is published again with it, under a name of its own.
        output.Should().MatchRegex($@"drop-{Drops.DropId}-r\d+\S*: published", "a file that comes after its drop was published is not left out of analytics");
        File.ReadAllLines(Path.Combine(test.Settings.Home, "outbox", "notifications.jsonl")).Last().Should().Contain("\"drop_published\"");
    }

    [Fact]
    public async Task Drop_WhenAFileComesAfterThePublishUnderLateFilesNotify_ShouldLoadItAndOnlyAnnounceIt()
    {
        using var config = new TempFolder();
        config.CopyIn(Path.GetDirectoryName(TestConfig.SmallDrops)!);
        var routes = config.Combine("warehouse", "routes.yml");
        File.WriteAllText(routes, File.ReadAllText(routes).Replace("late_files: publish", "late_files: notify", StringComparison.Ordinal));
        await using var test = await TestPipeline.CreateAsync(postgres, config.Combine("warehouse"));
        var drop = Drops.Write(test.Folder.Combine("drop"));
        await test.CliAsync("drop", test.Folder.Combine("drop"));
        var location = drop.Files.Single(f => f.Table == "register_location");
        var path = test.Folder.Combine("drop", location.Name);
        File.WriteAllLines(path, File.ReadAllLines(path).Take(2));

        var (exit, output) = await test.CliAsync("drop", path);

        exit.Should().Be(0, output);
        output.Should().Contain($"notification (late_file): raw_files/{location.Name} loaded after drop {Drops.DropId} was published");
        File.ReadAllLines(Path.Combine(test.Settings.Home, "outbox", "notifications.jsonl")).Last().Should().Contain("\"late_file\"");
        (await test.Workflow.Store.ListAsync()).Where(r => r.StateMachineName == HealthDw.Cli.Local.LocalWorkflow.PublishDrop)
            .Should().ContainSingle("under notify only the first publish runs");
    }

    [Fact]
    public async Task Drop_WhenEachFaultVariant_ShouldRejectItWholeWithAReport()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"), faults: true);
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(0);
        var before = await StagingCountsAsync(test);
        var expected = new Dictionary<string, (string Rule, long? Line, int? Column)>
        {
            ["wrong_header"] = (Rules.MissingColumn, 1, null),
            ["missing_column"] = (Rules.MissingColumn, 1, null),
            ["bad_type"] = (Rules.Type, 38, 5),
            ["unbalanced_quote"] = (Rules.Quote, null, null),
            ["truncated_last_line"] = (Rules.FieldCount, null, null),
            ["non_utf8"] = (Rules.Encoding, 2, 3),
            ["empty_file"] = (Rules.EmptyFile, 1, null),
            ["header_only"] = (Rules.NoRows, 2, null),
            ["duplicate_keys"] = (Rules.DuplicateKey, 11, null),
            ["orphan_foreign_keys"] = (Rules.Reference, 2, null),
            ["wrong_delimiter"] = (Rules.Delimiter, 1, 1),
        };
        drop.Faults.Select(f => f.Fault).Should().BeEquivalentTo(expected.Keys);

        using var scope = new AssertionScope();
        foreach (var fault in drop.Faults)
        {
            var (exit, output) = await test.CliAsync("drop", test.Folder.Combine("drop", fault.RelativePath));
            exit.Should().Be(1, $"{fault.Fault} must be rejected: {output}");

            var name = Path.GetFileName(fault.RelativePath);
            var reportPath = output.Split('\n').Single(l => l.TrimStart().StartsWith("report: ", StringComparison.Ordinal)).Trim()["report: ".Length..];
            var reportKey = Path.GetRelativePath(test.Pipeline.Store.Root, reportPath);
            test.BucketKeys("error_files").Should().Contain(reportKey[..^".error.json".Length], $"{fault.Fault}: the file sits beside its report");
            var json = File.ReadAllText(test.BucketFile(reportKey));
            var report = JsonSerializer.Deserialize(json, HealthDw.Functions.HealthDwJsonContext.Default.ErrorReport)!;
            var first = report.Problems.First();
            var (rule, line, column) = expected[fault.Fault];
            first.Rule.Should().Be(rule, fault.Fault);
            if (line is not null) first.Line.Should().Be(line.Value, fault.Fault);
            first.Line.Should().BePositive(fault.Fault);
            if (column is not null) first.Column.Should().Be(column, fault.Fault);
            report.File.Should().Be("raw_files/" + name);
            CellValuesIn(test.Folder.Combine("drop", fault.RelativePath)).Where(v => json.Contains(v, StringComparison.Ordinal))
                .Should().BeEmpty($"{fault.Fault}: an error report never carries a cell value");
            output.Should().Contain($"line {first.Line}");
        }

        (await StagingCountsAsync(test)).Should().Equal(before, "no rejected file leaves a row behind");
        test.BucketKeys("raw_files").Should().BeEmpty();
        (await test.ScalarAsync("select count(*) from audit.file_rejections")).Should().Be(expected.Count);
    }

    [Fact]
    public async Task Drop_WhenNameMatchesNoRoute_ShouldMoveItToErrorFilesWithTheReason()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var file = test.Folder.Write("in/patients_export_final.csv", "a,b\n1,2\n");

        var (exit, output) = await test.CliAsync("drop", file);

        exit.Should().Be(1);
        output.Should().Contain("unknown_file");
        test.BucketKeys("error_files").Should().Equal(
            "error_files/unrouted/patients_export_final.csv", "error_files/unrouted/patients_export_final.csv.error.json");
    }

    [Fact]
    public async Task Drop_WhenUploadStillInFlight_ShouldLeaveItAloneAndSucceed()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var file = test.Folder.Write("in/register_users_20261121T0200.csv.tmp", "partial");

        var (exit, output) = await test.CliAsync("drop", file);

        exit.Should().Be(0, output);
        output.Should().Contain("ignored");
        test.BucketKeys("raw_files").Should().Equal("raw_files/register_users_20261121T0200.csv.tmp");
    }

    [Fact]
    public async Task Drop_WhenReferencedTableHasNotArrived_ShouldLoadAndSayTheCheckWaits()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        var diagnosis = drop.Files.First(f => f.Table == "chart_diagnosis");

        var (exit, output) = await test.CliAsync("drop", test.Folder.Combine("drop", diagnosis.Name));

        exit.Should().Be(0, output);
        output.Should().Contain("reference checks wait for the rest of the drop").And.Contain("APPTPK -> chart_appointment.APPTPK");
    }

    [Fact]
    public async Task Status_AfterADrop_ShouldListTheLoadsAndRejections()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"), faults: true);
        await test.CliAsync("drop", test.Folder.Combine("drop"));
        await test.CliAsync("drop", test.Folder.Combine("drop", drop.Faults.First(f => f.Fault == "bad_type").RelativePath));

        var (exit, output) = await test.CliAsync("status");

        exit.Should().Be(0);
        output.Should().Contain("recent loads").And.Contain("register_users").And.Contain("recent rejections").And.Contain("[type]");
    }

    [Fact]
    public async Task Cli_WhenConfigurationBroken_ShouldExitTwoWithFileAndLine()
    {
        using var config = new TempFolder();
        foreach (var file in Directory.GetFiles(Repo.ConfigFolder, "*.yml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(config.Path, Path.GetRelativePath(Repo.ConfigFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var contract = Path.Combine(config.Path, "contracts", "chart", "code.yml");
        File.WriteAllText(contract, File.ReadAllText(contract).Replace("varchar(16)", "varchar(sixteen)", StringComparison.Ordinal));
        await using var test = await TestPipeline.CreateAsync(postgres);
        var settings = test.Settings with { ConfigFolder = config.Path };
        var console = new StringWriter();
        var ansi = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(console), Ansi = Spectre.Console.AnsiSupport.No,
        });
        ansi.Profile.Width = 200;
        var exit = await HealthDw.Cli.HealthDwCli.RunAsync(["status"], ansi, settings);

        exit.Should().Be(2);
        console.ToString().Should().Contain("contracts/chart/code.yml:7:").And.Contain("unknown type 'varchar(sixteen)'");
    }

    [Fact]
    public async Task Cli_WhenUsageWrong_ShouldExitTwo()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);

        var (exit, output) = await test.CliAsync("drop");

        exit.Should().Be(2);
        output.Should().Contain("usage:");
    }

    private static async Task<IReadOnlyDictionary<string, long>> StagingCountsAsync(TestPipeline test) =>
        await test.Pipeline.Warehouse.StagingRowCountsAsync(test.Pipeline.Config, CancellationToken.None);

    /// <summary>The distinctive cells of a file (letters, five characters or more, not in its header).</summary>
    private static IEnumerable<string> CellValuesIn(string path)
    {
        var lines = File.ReadAllLines(path, System.Text.Encoding.Latin1);
        if (lines.Length == 0) return [];
        var header = lines[0].Split(',', ';').ToHashSet();
        return lines.Skip(1).SelectMany(l => l.Split(',', ';')).Select(c => c.Trim('"'))
            .Where(c => c.Length >= 5 && c.Any(char.IsLetter) && !header.Contains(c) && !c.Contains(' ', StringComparison.Ordinal)).Distinct();
    }
}
