using HealthDw.Cli.Local;
using HealthDw.Core.Doctor;
using HealthDw.Tests.Support;
using HealthDw.Tests.Workflow;

namespace HealthDw.Tests.Cli;

/// <summary><c>healthdw doctor</c> on this machine, end to end: a real PostgreSQL server, the folder bucket, the shipped
/// configuration and the very ASL files, run through the CLI as a user runs it.</summary>
[Collection(PostgresCollection.Name)]
public class DoctorCommandTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Doctor_WhenEverythingIsInPlace_ShouldPassEveryCheckAndLeaveNothingOfTheCanary()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);

        var (exit, output) = await DoctorAsync(test.Settings);

        exit.Should().Be(0, output);
        output.Should().Contain("all 4 checks passed");
        foreach (var check in new[] { "configuration", "warehouse", "bucket", "canary" })
            output.Should().MatchRegex($@"│ {check}\s+│ ok\s+│");
        output.Should().Contain("2 rows loaded, archived to processed/, then removed");
        (await test.StagingRowsAsync(CanaryFile.Table)).Should().Be(0);
        (await test.LedgerRowsAsync()).Should().Be(0);
        (await test.ScalarAsync("select count(*) from audit.file_rejections")).Should().Be(0);
        test.BucketKeys("raw_files").Concat(test.BucketKeys("processed")).Concat(test.BucketKeys("error_files")).Should().BeEmpty();
        Directory.GetFileSystemEntries(test.BucketFile("processed")).Should().BeEmpty("the canary's drop folder goes with its file");
    }

    [Fact]
    public async Task Doctor_AfterARealDrop_ShouldPrintNoCellValueAndLeaveTheDropAsItWas()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        Drops.Write(test.Folder.Combine("drop"));
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(0);
        var ledger = await test.LedgerRowsAsync();
        var processed = test.BucketKeys("processed");

        var (exit, output) = await DoctorAsync(test.Settings);

        exit.Should().Be(0, output);
        var values = NoPhiTests.CellValues(test.Folder.Combine("drop")).ToList();
        values.Count.Should().BeGreaterThan(1000, "the scan must have something to look for");
        values.Where(v => output.Contains(v, StringComparison.Ordinal)).Should().BeEmpty();
        output.Should().NotContain("healthdw doctor canary", "not even the canary's own cells are printed");
        (await test.LedgerRowsAsync()).Should().Be(ledger);
        test.BucketKeys("processed").Should().Equal(processed);
    }

    [Fact]
    public async Task Doctor_WhenAContractIsBroken_ShouldFailTheConfigurationWithFileAndLineAndSkipWhatNeedsIt()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var config = TestConfig.CopyTo(test.Folder.Combine("config"));
        var contract = Path.Combine(config, "contracts", "chart", "code.yml");
        File.WriteAllText(contract, File.ReadAllText(contract).Replace("varchar(16)", "varchar(sixteen)", StringComparison.Ordinal));

        var (exit, output) = await DoctorAsync(test.Settings with { ConfigFolder = config });

        exit.Should().Be(1, output);
        output.Should().MatchRegex(@"│ configuration\s+│ FAIL\s+│").And.Contain("contracts/chart/code.yml").And.Contain("fix contracts/chart/code.yml at line");
        output.Should().MatchRegex(@"│ warehouse\s+│ skip\s+│").And.MatchRegex(@"│ canary\s+│ skip\s+│").And.Contain("fix configuration first");
        output.Should().MatchRegex(@"│ bucket\s+│ ok\s+│");
    }

    [Fact]
    public async Task Doctor_WhenTheCanaryRouteIsGone_ShouldFailTheConfigurationWithHowToRestoreIt()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var config = TestConfig.CopyTo(test.Folder.Combine("config"));
        var routes = Path.Combine(config, "routes.yml");
        var text = File.ReadAllText(routes);
        File.WriteAllText(routes, text[..text.IndexOf("  # `healthdw doctor`", StringComparison.Ordinal)]);
        File.Delete(Path.Combine(config, "contracts", "doctor", "canary.yml"));

        var (exit, output) = await DoctorAsync(test.Settings with { ConfigFolder = config });

        exit.Should().Be(1, output);
        output.Should().MatchRegex(@"│ configuration\s+│ FAIL\s+│").And.Contain("is not routed to a doctor_canary contract")
            .And.Contain("restore warehouse/routes.yml's doctor_canary route");
    }

    [Fact]
    public async Task Doctor_WhenTheWarehouseIsStopped_ShouldFailTheWarehouseWithHowToStartIt()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        using var home = new TempFolder("healthdw-doctor-pg");
        var server = new LocalPostgresServer(home.Combine("pg"), durable: false);
        var connection = await server.EnsureStartedAsync(CancellationToken.None);
        (await DoctorAsync(test.Settings with { WarehouseConnection = connection })).Exit.Should().Be(0, "the server is up");
        Npgsql.NpgsqlConnection.ClearAllPools();
        await server.StopAsync(CancellationToken.None);

        var (exit, output) = await DoctorAsync(test.Settings with { WarehouseConnection = connection });

        exit.Should().Be(1, output);
        output.Should().MatchRegex(@"│ warehouse\s+│ FAIL\s+│").And.Contain("no answer from 127.0.0.1:")
            .And.Contain("start the server HEALTHDW_WAREHOUSE names");
        output.Should().MatchRegex(@"│ canary\s+│ skip\s+│");
    }

    [Fact]
    public async Task Doctor_WhenTheBucketCannotBeWritten_ShouldFailTheBucketWithTheFolder()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        // Tests run as root, whom no file mode stops: a file where the bucket's folder should be is what root cannot write into.
        var notAFolder = test.Folder.Write("bucket-file", "not a folder");

        var (exit, output) = await DoctorAsync(test.Settings with { BucketFolder = notAFolder });
        var (exitInside, outputInside) = await DoctorAsync(test.Settings with { BucketFolder = BucketWithRawFilesAsFile(test) });

        exit.Should().Be(1, output);
        output.Should().MatchRegex(@"│ bucket\s+│ FAIL\s+│").And.Contain("is a file, not a folder").And.Contain("set HEALTHDW_BUCKET");
        output.Should().MatchRegex(@"│ canary\s+│ skip\s+│");
        exitInside.Should().Be(1, outputInside);
        outputInside.Should().MatchRegex(@"│ bucket\s+│ FAIL\s+│").And.Contain("cannot write in").And.Contain("raw_files");
    }

    [Fact]
    public async Task Doctor_WhenTheCanaryIsRefused_ShouldFailTheCanaryAndStillRemoveItsReportAndRejection()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var config = TestConfig.CopyTo(test.Folder.Combine("config"));
        var contract = Path.Combine(config, "contracts", "doctor", "canary.yml");
        File.WriteAllText(contract, File.ReadAllText(contract).Replace("NOTE,", "REMARK,", StringComparison.Ordinal).Replace("name: NOTE", "name: REMARK", StringComparison.Ordinal));

        var (exit, output) = await DoctorAsync(test.Settings with { ConfigFolder = config });

        exit.Should().Be(1, output);
        output.Should().MatchRegex(@"│ canary\s+│ FAIL\s+│").And.Contain("the canary was refused");
        (await test.ScalarAsync("select count(*) from audit.file_rejections")).Should().Be(0);
        (await test.LedgerRowsAsync()).Should().Be(0);
        test.BucketKeys("raw_files").Concat(test.BucketKeys("processed")).Concat(test.BucketKeys("error_files")).Should().BeEmpty();
    }

    private static string BucketWithRawFilesAsFile(TestPipeline test)
    {
        var bucket = test.Folder.Combine("bucket-2");
        Directory.CreateDirectory(bucket);
        File.WriteAllText(Path.Combine(bucket, "raw_files"), "a file where the raw_files/ folder belongs");
        return bucket;
    }

    private static async Task<(int Exit, string Output)> DoctorAsync(LocalSettings settings)
    {
        var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(output),
            Ansi = Spectre.Console.AnsiSupport.No,
            ColorSystem = Spectre.Console.ColorSystemSupport.NoColors,
            Interactive = Spectre.Console.InteractionSupport.No,
        });
        console.Profile.Width = 400;
        var exit = await HealthDw.Cli.HealthDwCli.RunAsync(["doctor"], console, settings);
        return (exit, output.ToString());
    }
}
