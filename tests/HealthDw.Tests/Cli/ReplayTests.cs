using System.Security.Cryptography;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

/// <summary><c>healthdw replay FILE | DROP</c>: an archived file runs through ingest-file again, the ledger keeping each
/// version loaded once. The configuration mistake here: chart_appointment's STATUS declared too short (varchar(4)), so the
/// appointments file is refused for length; the fix widens it back to the shipped varchar(16).</summary>
[Collection(PostgresSecondCollection.Name)]
public class ReplayTests(PostgresFixture postgres)
{
    private const string Shipped = "type: varchar(16), nullable: false";
    private const string TooShort = "type: varchar(4), nullable: false";

    [Fact]
    public async Task Replay_WhenRefusedFileIsReplayedAfterItsContractIsFixed_ShouldLoadItOnceAndASecondReplayShouldLoadNothing()
    {
        using var config = ConfigWithShortStatus();
        await using var test = await TestPipeline.CreateAsync(postgres, config.Path);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        var appointments = drop.Files.Single(f => f.Table == "chart_appointment");
        var refused = $"error_files/{Drops.DropId}/{appointments.Name}";
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(1, "the contract is too narrow for STATUS");
        test.BucketKeys("error_files").Should().Contain([refused, refused + ".error.json"]);
        var md5 = Md5(test.BucketFile(refused));
        Md5(test.Folder.Combine("drop", appointments.Name)).Should().Be(md5, "the refused file is kept byte for byte");
        FixStatus(config);

        var (exit, output) = await test.CliAsync("replay", refused);

        exit.Should().Be(0, output);
        (await test.StagingRowsAsync("chart_appointment")).Should().Be(appointments.Rows);
        // The very same bytes whose refusal is on record (same version token) were loaded: the refusal did not stop them.
        (await test.ScalarAsync($"select count(*) from audit.file_rejections where object_key = 'raw_files/{appointments.Name}' and version_token = '{md5}'"))
            .Should().Be(1);
        (await test.ScalarAsync($"select count(*) from audit.load_ledger where object_key = 'raw_files/{appointments.Name}' and version_token = '{md5}'"))
            .Should().Be(1);
        test.BucketKeys("processed").Should().Contain($"processed/{Drops.DropId}/{appointments.Name}");
        test.BucketKeys("raw_files").Should().BeEmpty();
        var left = test.BucketKeys("error_files");
        left.Should().NotContain(refused).And.NotContain(refused + ".error.json", "no report stays beside a file that is not there");
        left.Should().ContainSingle(k => k.StartsWith($"error_files/{Drops.DropId}/replayed/", StringComparison.Ordinal)
            && k.EndsWith("/" + appointments.Name + ".error.json", StringComparison.Ordinal), "the earlier report is kept, moved aside");
        output.Should().Contain("the earlier report is kept at error_files/");
        // A value the configuration itself names (a model filters on STATUS 'no_show') is a model's name, not a leak.
        var configText = string.Concat(Directory.GetFiles(config.Path, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        CellValuesIn(test.Folder.Combine("drop", appointments.Name))
            .Where(v => output.Contains(v, StringComparison.Ordinal) && !configText.Contains(v, StringComparison.Ordinal))
            .Should().BeEmpty("replay prints no cell value");

        var (again, second) = await test.CliAsync("replay", appointments.Name); // by its bare name: it is in processed/ now

        again.Should().Be(0, second);
        second.Should().Contain("already loaded").And.Contain($"processed/{Drops.DropId}/{appointments.Name}: this version is loaded already");
        (await test.StagingRowsAsync("chart_appointment")).Should().Be(appointments.Rows, "a second replay loads nothing");
        (await test.ScalarAsync($"select count(*) from audit.load_ledger where object_key = 'raw_files/{appointments.Name}'")).Should().Be(1);
        test.BucketKeys("processed").Should().Contain($"processed/{Drops.DropId}/{appointments.Name}");
        test.BucketKeys("raw_files").Should().BeEmpty();
    }

    [Fact]
    public async Task Replay_WhenRefusedFileIsReplayedAndLoadedAfterAFix_ShouldLeaveNoRejectedFileInTheDropsDigest()
    {
        using var config = ConfigWithShortStatus();
        await using var test = await TestPipeline.CreateAsync(postgres, config.Path);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        var appointments = drop.Files.Single(f => f.Table == "chart_appointment");
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(1, "the contract is too narrow for STATUS");
        FixStatus(config);

        var (exit, output) = await test.CliAsync("replay", $"error_files/{Drops.DropId}/{appointments.Name}");

        exit.Should().Be(0, output);
        (await test.ScalarAsync($"select count(*) from audit.file_rejections where object_key = 'raw_files/{appointments.Name}'"))
            .Should().Be(1, "the refusal stays on record");
        var digest = File.ReadAllLines(Path.Combine(test.Settings.Home, "outbox", "notifications.jsonl")).Last();
        digest.Should().Contain("\"drop_published\"").And.Contain(", 0 rejected\"", "the refused version was replayed and loaded")
            .And.NotContain($"\"rejected raw_files/{appointments.Name}")
            .And.Contain($"refused, then replayed and loaded: raw_files/{appointments.Name} (refused for: line 2, column ");
    }

    [Fact]
    public async Task Replay_WhenUnroutedFileIsReplayedAfterItsRouteIsFixed_ShouldRouteAndLoadItOnce()
    {
        using var config = CopyOfConfig();
        await using var test = await TestPipeline.CreateAsync(postgres, config.Path);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        var location = drop.Files.Single(f => f.Table == "register_location");
        var odd = location.Name.Replace("register_location_", "register_location-", StringComparison.Ordinal); // the vendor's typo
        File.Move(test.Folder.Combine("drop", location.Name), test.Folder.Combine("drop", odd));
        (await test.CliAsync("drop", test.Folder.Combine("drop", odd))).Exit.Should().Be(1, "the name matches no route");
        test.BucketKeys("error_files").Should().Contain($"error_files/unrouted/{odd}");
        var routes = Path.Combine(config.Path, "routes.yml");
        const string route = "  - table: register_location\n    required: true\n";
        File.ReadAllText(routes).Should().Contain(route);
        File.WriteAllText(routes, File.ReadAllText(routes).Replace(route,
            route + "    pattern: '^register_location[-_](?<drop>\\d{8}T\\d{4})\\.csv$'\n", StringComparison.Ordinal));

        var (exit, output) = await test.CliAsync("replay", $"error_files/unrouted/{odd}");

        exit.Should().Be(0, output);
        (await test.StagingRowsAsync("register_location")).Should().Be(location.Rows);
        test.BucketKeys("processed").Should().Equal($"processed/{Drops.DropId}/{odd}");
        test.BucketKeys("error_files").Should().ContainSingle().Which.Should()
            .StartWith("error_files/unrouted/replayed/").And.EndWith($"/{odd}.error.json");
    }

    [Fact]
    public async Task Replay_WhenProcessedFileIsReplayed_ShouldLoadNothingAndSaySo()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(0);
        var location = drop.Files.Single(f => f.Table == "register_location");
        var ledger = await test.LedgerRowsAsync();

        var (exit, output) = await test.CliAsync("replay", $"processed/{Drops.DropId}/{location.Name}");

        exit.Should().Be(0, output);
        output.Should().Contain("already loaded").And.Contain("nothing was added");
        output.Should().NotContain("late_file", "nothing new reached staging");
        (await test.LedgerRowsAsync()).Should().Be(ledger);
        (await test.StagingRowsAsync("register_location")).Should().Be(location.Rows);
        test.BucketKeys("processed").Should().Contain($"processed/{Drops.DropId}/{location.Name}");
        test.BucketKeys("raw_files").Should().BeEmpty();
    }

    [Fact]
    public async Task Replay_WhenDropWithARefusedFileIsReplayedAfterAFix_ShouldLoadTheRefusedFileAndPublish()
    {
        using var config = ConfigWithShortStatus();
        await using var test = await TestPipeline.CreateAsync(postgres, config.Path);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(1);
        (await test.ScalarAsync("select count(*) from audit.drop_publications where published")).Should().Be(0, "the drop is not whole");
        var ledger = await test.LedgerRowsAsync();
        FixStatus(config);

        var (exit, output) = await test.CliAsync("replay", Drops.DropId);

        exit.Should().Be(0, output);
        (await test.StagingRowsAsync("chart_appointment")).Should().Be(drop.Files.Single(f => f.Table == "chart_appointment").Rows);
        (await test.LedgerRowsAsync()).Should().Be(ledger + 1, "only the refused file is new; the loaded ones are already loaded");
        (await test.ScalarAsync($"select count(*) from audit.drop_publications where published and drop_id = '{Drops.DropId}'")).Should().Be(1);
        test.BucketKeys("processed").Should().HaveCount(drop.Files.Count + 1, "every file and the manifest");
        test.BucketKeys("raw_files").Should().BeEmpty();
    }

    [Fact]
    public async Task Replay_WhenPublishedDropIsReplayed_ShouldLoadNothingAndPublishItAgain()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(0);
        var ledger = await test.LedgerRowsAsync();

        var (exit, output) = await test.CliAsync("replay", Drops.DropId);

        exit.Should().Be(0, output);
        output.Split('\n').Count(l => l.StartsWith('│') && l.Contains("already loaded", StringComparison.Ordinal)).Should().Be(drop.Files.Count);
        (await test.LedgerRowsAsync()).Should().Be(ledger);
        (await test.ScalarAsync($"select count(*) from audit.drop_publications where published and drop_id = '{Drops.DropId}'"))
            .Should().Be(2, "the drop is published again through healthdw publish's path");
        output.Should().Contain($"published drop {Drops.DropId}");
    }

    [Fact]
    public async Task Replay_WhenFileIsUnknown_ShouldSaySoInOneLineAndExit2()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);

        var (exit, output) = await TestPipeline.CliAsync(test.Settings, 1000, "replay", "chart_appointment_20261121T0200.csv");

        exit.Should().Be(2, output);
        output.Trim().Split('\n').Should().ContainSingle().Which.Should()
            .StartWith("error: no archived file 'chart_appointment_20261121T0200.csv' in processed/ or error_files/");
    }

    [Fact]
    public async Task Replay_WhenNameIsInTwoDrops_ShouldSayItIsAmbiguousAndMoveNothing()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var name = "register_location_20261121T0200.csv";
        foreach (var key in new[] { $"processed/20261121T0200/{name}", $"error_files/20261121T0200/0a1b2c3d4e5f/{name}" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(test.BucketFile(key))!);
            File.WriteAllText(test.BucketFile(key), "LOCATIONPK\n1\n");
        }

        var (exit, output) = await TestPipeline.CliAsync(test.Settings, 1000, "replay", name);

        exit.Should().Be(2, output);
        output.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("is ambiguous: it names 2 archived files");
        test.BucketKeys("raw_files").Should().BeEmpty();
    }

    private static TempFolder ConfigWithShortStatus()
    {
        var config = CopyOfConfig();
        ReplaceInContract(config, Shipped, TooShort);
        return config;
    }

    private static TempFolder CopyOfConfig()
    {
        var config = new TempFolder("healthdw-replay-config");
        foreach (var file in Directory.GetFiles(TestConfig.SmallDrops, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(config.Path, Path.GetRelativePath(TestConfig.SmallDrops, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return config;
    }

    private static void FixStatus(TempFolder config) => ReplaceInContract(config, TooShort, Shipped);

    private static void ReplaceInContract(TempFolder config, string from, string to)
    {
        var contract = Path.Combine(config.Path, "contracts", "chart", "appointment.yml");
        var text = File.ReadAllText(contract);
        text.Should().Contain($"STATUS,       {from}");
        File.WriteAllText(contract, text.Replace($"STATUS,       {from}", $"STATUS,       {to}", StringComparison.Ordinal));
    }

    private static string Md5(string path) => Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(path)));

    private static IEnumerable<string> CellValuesIn(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',').ToHashSet();
        return lines.Skip(1).SelectMany(l => l.Split(',')).Select(c => c.Trim('"'))
            .Where(c => c.Length >= 5 && c.Any(char.IsLetter) && !header.Contains(c) && !c.Contains(' ', StringComparison.Ordinal)).Distinct();
    }
}
