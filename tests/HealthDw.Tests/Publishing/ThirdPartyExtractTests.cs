using HealthDw.Tests.Support;

namespace HealthDw.Tests.Publishing;

/// <summary>
/// Issue 12, acceptance and item 5: a third-party export of 12 tables (Synthea's CSV shape, <see cref="SyntheaExport"/>)
/// onboarded by configuration alone (tests/HealthDw.Tests/Fixtures/synthea/warehouse: routes, contracts with references
/// and double columns, checks, one model of its own, reconciliations; none of the shipped models), dropped through the
/// local pipeline with its manifest. Before reconciliation was configuration, every publish of such a folder failed on
/// the four shipped model names hard-coded in C#.
/// </summary>
[Collection(PostgresSecondCollection.Name)]
public class ThirdPartyExtractTests(PostgresFixture postgres)
{
    private const string Drop = SyntheaExport.DropId;

    [Fact]
    public async Task Drop_WhenAThirdPartyExportIsConfiguredByConfigurationOnly_ShouldLoadEveryFileAndPublish()
    {
        using var config = ConfigCopy();
        await using var test = await TestPipeline.CreateAsync(postgres, config.Combine("warehouse"));
        var export = SyntheaExport.Write(test.Folder.Combine("export"));

        var (exit, output) = await test.CliAsync("drop", test.Folder.Combine("export"));

        exit.Should().Be(0, output);
        output.Should().Contain($"drop-{Drop}: published");
        foreach (var table in SyntheaExport.Tables)
            (await test.StagingRowsAsync(table)).Should().Be(export.Rows[table], table);
        (await test.ScalarAsync("select count(*) from analytics.encounter_costs")).Should().Be(export.Encounters);
        (await test.ScalarAsync("select count(*) from staging.encounters where total_claim_cost = 49112.87100000001::double precision"))
            .Should().Be(1, "a float column keeps every digit of the export");
        (await test.ScalarAsync($"select count(*) from audit.drop_publications where drop_id = '{Drop}' and published")).Should().Be(1);
        File.ReadAllLines(Path.Combine(test.Settings.Home, "outbox", "notifications.jsonl")).Last()
            .Should().Contain("reconciled encounters: staging 48, published 48; manifest control total 48, this drop's rows 48");
    }

    [Fact]
    public async Task Drop_WhenTheFolderHasNoModelsAndNoReconciliations_ShouldStillPublish()
    {
        using var config = ConfigCopy();
        Directory.Delete(config.Combine("warehouse", "models"), recursive: true);
        File.Delete(config.Combine("warehouse", "reconciliations.yml"));
        await using var test = await TestPipeline.CreateAsync(postgres, config.Combine("warehouse"));
        var export = SyntheaExport.Write(test.Folder.Combine("export"), controlTotals: _ => "{}");

        var (exit, output) = await test.CliAsync("drop", test.Folder.Combine("export"));

        exit.Should().Be(0, output);
        output.Should().Contain($"drop-{Drop}: published");
        (await test.StagingRowsAsync("encounters")).Should().Be(export.Encounters);
    }

    [Fact]
    public async Task Drop_WhenTheManifestsControlTotalDiffersFromTheDropsRows_ShouldBlockNamingTheMeasureBothFiguresAndTheTolerance()
    {
        using var config = ConfigCopy();
        await using var test = await TestPipeline.CreateAsync(postgres, config.Combine("warehouse"));
        var export = SyntheaExport.Write(test.Folder.Combine("export"), 
            controlTotals: e => $$"""{"encounters": 47, "total_claim_cost": {{(e.TotalClaimCost + 1m).ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""");

        var (exit, output) = await test.CliAsync("drop", test.Folder.Combine("export"));

        exit.Should().Be(1, output);
        output.Should().Contain($"drop-{Drop}").And.Contain("HealthDw.DropBlocked");
        var digest = File.ReadAllLines(Path.Combine(test.Settings.Home, "outbox", "notifications.jsonl")).Last();
        digest.Should().Contain("\"drop_blocked\"")
            .And.Contain("reconciled encounters: staging 48, published 48; manifest control total 47, this drop's rows 48 (off by 1, tolerance: exact)")
            .And.Contain("reconciled total_claim_cost: ").And.Contain("(off by -1.0000000000232, tolerance: relative 0.000000001)");
        (await test.ScalarAsync($"select count(*) from audit.drop_publications where drop_id = '{Drop}' and published")).Should().Be(0);
        (await test.ScalarAsync("select count(*) from information_schema.tables where table_schema = 'analytics'")).Should().Be(0, "nothing was published");
        export.Encounters.Should().Be(48);
    }

    /// <summary>The fixture's configuration in a temp folder, with the state machines beside it as the tool expects.</summary>
    internal static TempFolder ConfigCopy()
    {
        var folder = new TempFolder();
        foreach (var (from, to) in new[] { (Path.Combine(Repo.Fixtures, "synthea", "warehouse"), "warehouse"), (Path.Combine(Repo.Root, "statemachine"), "statemachine") })
        {
            foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = folder.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        return folder;
    }
}
