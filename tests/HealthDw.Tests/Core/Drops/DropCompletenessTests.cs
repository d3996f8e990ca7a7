using HealthDw.Cli.Local;
using HealthDw.Hosting.Configuration;
using HealthDw.Core.Drops;
using HealthDw.Core.Ports;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Core.Drops;

public class DropCompletenessTests
{
    private static readonly HealthDw.Core.Configuration.PipelineConfig Config = ConfigFolder.Load(Repo.ConfigFolder);
    private static readonly DateTimeOffset DropTime = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

    private static LedgerEntry Loaded(string table, long rows = 10, string? name = null) =>
        new(Guid.NewGuid(), "b", "processed/x/" + (name ?? $"{table}_20261121T0200.csv"), "v", table, "20261121T0200", null, rows, 100, DropTime, DropTime);

    [Fact]
    public void Evaluate_WhenEveryRequiredTableLoaded_ShouldBeComplete()
    {
        var loads = Config.Routes.Routes.Select(r => Loaded(r.Table)).ToList();

        var state = DropCompleteness.Evaluate(Config, "20261121T0200", loads, null, DropTime.AddHours(1));

        state.Complete.Should().BeTrue();
        state.Missing.Should().BeEmpty();
        state.LoadedRows.Should().Be(10 * loads.Count);
    }

    [Fact]
    public void Evaluate_WhenATableIsMissing_ShouldNameItAndBecomeOverdueAfterTheDeadline()
    {
        var loads = Config.Routes.Routes.Where(r => r.Table != "billing_payment").Select(r => Loaded(r.Table)).ToList();

        var early = DropCompleteness.Evaluate(Config, "20261121T0200", loads, null, DropTime.AddHours(1));
        var late = DropCompleteness.Evaluate(Config, "20261121T0200", loads, null, DropTime + Config.Routes.DropDeadline + TimeSpan.FromMinutes(1));

        early.Should().BeEquivalentTo(new { Complete = false, Overdue = false, Missing = new[] { "billing_payment" } });
        late.Overdue.Should().BeTrue();
    }

    [Fact]
    public void Evaluate_WhenManifestRowCountDiffers_ShouldNotBeCompleteAndSayBothCounts()
    {
        var manifest = new DropManifest("20261121T0200", [new ManifestFile("chart_code_20261121T0200.csv", "chart_code", null, 12, 100, null)]);

        var state = DropCompleteness.Evaluate(Config, "20261121T0200", [Loaded("chart_code", rows: 10)], manifest, DropTime);

        state.Complete.Should().BeFalse();
        state.Mismatches.Should().ContainSingle().Which.Should().Contain("manifest says 12 rows, loaded 10");
    }

    [Fact]
    public void Evaluate_WhenManifestListsOnlySomeTables_ShouldNeedJustThoseFiles()
    {
        var manifest = new DropManifest("20261121T0200", [new ManifestFile("chart_code_20261121T0200.csv", "chart_code", null, 10, 100, null)]);

        DropCompleteness.Evaluate(Config, "20261121T0200", [Loaded("chart_code")], manifest, DropTime).Complete.Should().BeTrue();
    }

    [Fact]
    public void Read_WhenManifestIsBroken_ShouldNameTheFileAndPosition()
    {
        var act = () => ManifestReader.Read("_manifest_x.json", "{\"drop\": \"x\", \"files\": [ {"u8);

        act.Should().Throw<ManifestException>().WithMessage("_manifest_x.json: not a valid manifest*");
    }

    [Fact]
    public void Read_WhenGeneratorManifest_ShouldParseEveryFile()
    {
        using var folder = new TempFolder();
        var drop = HealthDw.Tests.Support.Drops.Write(folder.Path);

        var manifest = ManifestReader.Read("m", File.ReadAllBytes(folder.Combine($"_manifest_{HealthDw.Tests.Support.Drops.DropId}.json")));

        manifest.Files.Select(f => (f.Name, f.Rows)).Should().Equal(drop.Files.Select(f => (f.Name, f.Rows)));
    }
}
