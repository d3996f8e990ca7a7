using System.Globalization;
using System.Text.RegularExpressions;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Publishing;

/// <summary>
/// Issue 12, item 5, with the shipped configuration: the generator's manifest carries the EMR's control totals for the
/// drop (appointments, billed amount), warehouse/reconciliations.yml compares them with the drop's rows, and a drop whose
/// figures do not match is blocked naming the measure, both figures and the tolerance (aggregates, never a cell).
/// </summary>
[Collection(PostgresCollection.Name)]
public partial class ControlTotalTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Drop_WhenTheManifestsControlTotalsMatchTheDrop_ShouldPublishAndReportThem()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("d"));
        var appointments = drop.Files.Where(f => f.Table == "chart_appointment").Sum(f => f.Rows);

        var (exit, output) = await test.CliAsync("drop", test.Folder.Combine("d"));

        exit.Should().Be(0, output);
        Digest(test).Should().Contain($"reconciled appointments: staging {appointments:N0}, published {appointments:N0}; "
                                      + $"manifest control total {appointments:N0}, this drop's rows {appointments:N0}");
    }

    [Fact]
    public async Task Drop_WhenTheManifestsBilledAmountDiffersByACent_ShouldBlockNamingTheMeasureBothFiguresAndTheTolerance()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        Drops.Write(test.Folder.Combine("d"));
        var manifest = test.Folder.Combine("d", $"_manifest_{Drops.DropId}.json");
        var billed = decimal.Parse(BilledAmount().Match(File.ReadAllText(manifest)).Groups[1].Value, CultureInfo.InvariantCulture);
        File.WriteAllText(manifest, BilledAmount().Replace(File.ReadAllText(manifest), $"\"billed_amount\": \"{(billed + 0.01m).ToString(CultureInfo.InvariantCulture)}\""));

        var (exit, output) = await test.CliAsync("drop", test.Folder.Combine("d"));

        exit.Should().Be(1, output);
        var digest = Digest(test);
        digest.Should().Contain("\"drop_blocked\"").And.Contain(
            $"reconciled billed_amount: staging {billed.ToString(CultureInfo.InvariantCulture)}, published {billed.ToString(CultureInfo.InvariantCulture)}; "
            + $"manifest control total {(billed + 0.01m).ToString(CultureInfo.InvariantCulture)}, this drop's rows {billed.ToString(CultureInfo.InvariantCulture)} (off by -0.01, tolerance: exact)");
        (await test.ScalarAsync($"select count(*) from audit.drop_publications where drop_id = '{Drops.DropId}' and published")).Should().Be(0);
    }

    [Fact]
    public async Task Drop_WhenTheManifestCarriesAControlTotalNoMeasureReads_ShouldBlockNamingIt()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        Drops.Write(test.Folder.Combine("d"));
        var manifest = test.Folder.Combine("d", $"_manifest_{Drops.DropId}.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"control_totals\": {", "\"control_totals\": {\"paid_amount\": 12,", StringComparison.Ordinal));

        var (exit, output) = await test.CliAsync("drop", test.Folder.Combine("d"));

        exit.Should().Be(1, output);
        Digest(test).Should().Contain("the manifest carries control total 'paid_amount', which no measure of reconciliations.yml reads");
    }

    private static string Digest(TestPipeline test) => File.ReadAllLines(Path.Combine(test.Settings.Home, "outbox", "notifications.jsonl")).Last();

    [GeneratedRegex("\"billed_amount\": \"([0-9.]+)\"")]
    private static partial Regex BilledAmount();
}
