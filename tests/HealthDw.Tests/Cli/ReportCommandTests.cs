using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HealthDw.Tests.Support;
using HealthDw.Tests.Workflow;

namespace HealthDw.Tests.Cli;

[Collection(PostgresSecondCollection.Name)]
public class ReportCommandTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Report_WhenATeamAddsItsOwnKpi_ShouldShowItAndSayWhenRowsAreCut()
    {
        using var config = new TempFolder("healthdw-report-config");
        var warehouse = TestConfig.CopyTo(config.Path);
        File.WriteAllText(Path.Combine(warehouse, "models", "kpi", "kpi_visits_by_status.sql"), """
            {{ config(materialized='view', tags=['kpi']) }}
            select f.status, count(*) as appointments, max(f.appt_date) as latest
            from {{ ref('fact_appointment') }} as f
            group by f.status
            """);
        await using var test = await TestPipeline.CreateAsync(postgres, warehouse);
        Drops.Write(test.Folder.Combine("drop"));
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(0);

        var (exit, output) = await test.CliAsync("report", "--out", test.Folder.Combine("report.html"));

        exit.Should().Be(0, output);
        output.Should().Contain("kpi_visits_by_status").And.Contain("appointments").And.Contain("completed");
        System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ")
            .Should().Contain("Completed visits per day (last 30 days) (first 12 of 30 rows; all in the HTML report)");
        var html = File.ReadAllText(test.Folder.Combine("report.html"));
        html.Should().Contain("<h2>kpi_visits_by_status</h2>");
    }

    [Fact]
    public async Task Report_AfterADrop_ShouldNameProvidersBySpecialtyAndNpiAndLocationsByNameNotTheirKeys()
    {
        await using var test = await PublishedAsync();

        var html = await ReportAsync(test);

        // A provider is named by specialty and NPI, not by first and last name: those are register_users' UFNAME and ULNAME,
        // which patients share and the contract marks phi: true, and no command shows a value of a phi column.
        var providers = await ColumnAsync(test, "select provider_specialty || ' · NPI ' || provider_npi from analytics.dim_provider");
        var locations = await ColumnAsync(test, "select location_name from analytics.dim_location");
        var busiest = FirstCells(SectionOf(html, "Busiest providers (completed visits)"));
        var noShows = FirstCells(SectionOf(html, "No-show rate by location"));
        busiest.Should().NotBeEmpty().And.OnlyContain(cell => providers.Contains(cell), "a provider is shown by specialty and NPI, not as its key");
        noShows.Should().NotBeEmpty().And.OnlyContain(cell => locations.Contains(cell), "a location is shown by name, not as its key");
    }

    [Fact]
    public async Task Report_WhenAChartHasSeveralSeries_ShouldDrawEveryOneWithALegendEntry()
    {
        await using var test = await PublishedAsync();

        var html = await ReportAsync(test);

        foreach (var (title, series) in new[]
                 {
                     ("New vs returning patients (last 12 months)", new[] { "new", "returning" }),
                     ("Billed, allowed and paid by payer", new[] { "billed", "allowed", "paid" }),
                 })
        {
            var section = SectionOf(html, title);
            Regex.Matches(section, "<li><span class=\"swatch [^\"]+\"></span>([^<]*)</li>").Select(m => m.Groups[1].Value)
                .Should().Equal(series, title);
            var bars = Regex.Matches(section, "<rect class=\"(s\\d)\"").Select(m => m.Groups[1].Value).ToList();
            bars.Should().HaveCount(series.Length * FirstCells(section).Count, $"one bar per series and row in {title}");
            bars.Distinct().Should().HaveCount(series.Length, $"each series of {title} has its own colour");
        }
    }

    [Fact]
    public async Task Report_EverySection_ShouldHaveTheOneLayoutOfTitleChartAndTable()
    {
        await using var test = await PublishedAsync();

        var html = await ReportAsync(test);

        var titles = Regex.Matches(html, "<h2>").Count;
        titles.Should().BeGreaterThan(7);
        Regex.Matches(html, "<section class=\"section\"><h2>[^<]*</h2><div class=\"chart\">").Count.Should().Be(titles, "every section starts alike");
        Regex.Matches(html, "</div><div class=\"data\"><table>").Count.Should().Be(titles, "every section has its table in the same place");
        Regex.Matches(html, "class=\"(grid|section)\"").Select(m => m.Groups[1].Value).Distinct().Should().Equal("section");
    }

    [Fact]
    public async Task Report_WhenNoCheckFailed_ShouldSayNoFailedChecksInsteadOfAChartOfZeros()
    {
        await using var test = await PublishedAsync();

        var history = SectionOf(await ReportAsync(test), "Check history (latest drops)");

        history.Should().Contain("<p class=\"empty\">No failed checks in this run</p>").And.NotContain("<svg");
    }

    [Fact]
    public async Task Report_WhenACheckFailed_ShouldChartTheFailedChecksOfEachDecision()
    {
        await using var test = await PublishedAsync();
        var failing = test.Settings with { ConfigFolder = WithAFailingCheck(test) };
        (await TestPipeline.CliAsync(failing, 200, "publish", Drops.DropId)).Exit.Should().NotBe(0, "the failing check blocks the drop");

        var history = SectionOf(await ReportAsync(test), "Check history (latest drops)");

        history.Should().NotContain("No failed checks").And.Contain("<li><span class=\"swatch bad\"></span>failed checks</li>");
        Regex.Matches(history, "<rect class=\"bad\"[^>]* width=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Should().HaveCount(2, "two decisions: the clean one and the blocked one")
            .And.Contain(w => w > 0).And.Contain(0);
    }

    [Fact]
    public async Task Report_AfterADrop_ShouldShowNoCellValueButProviderSpecialtiesAndNpisLocationsAndPayers()
    {
        await using var test = await PublishedAsync();

        var (exit, output) = await test.CliAsync("report", "--out", test.Folder.Combine("report.html"));
        var html = File.ReadAllText(test.Folder.Combine("report.html"));

        exit.Should().Be(0, output);
        // Providers' specialties and NPIs, sites and payers are what those sections are about (issue 15: not PHI); every other
        // cell of the drop (patients' and providers' names, addresses, e-mails, ids) must stay out.
        var shown = (await ColumnAsync(test, """
            select provider_npi from analytics.dim_provider
            union select provider_specialty from analytics.dim_provider union select location_name from analytics.dim_location
            union select payer from analytics.fact_claim
            """)).ToList();
        var values = NoPhiTests.CellValues(test.Folder.Combine("drop")).Where(v => !shown.Any(s => s.Contains(v, StringComparison.Ordinal))).ToList();
        values.Count.Should().BeGreaterThan(1000, "the scan must have something to look for");
        var text = output + "\n" + WebUtility.HtmlDecode(html);
        values.Where(v => text.Contains(v, StringComparison.Ordinal)).Take(10).Should().BeEmpty();
    }

    private async Task<TestPipeline> PublishedAsync()
    {
        var test = await TestPipeline.CreateAsync(postgres);
        Drops.Write(test.Folder.Combine("drop"));
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(0);
        return test;
    }

    /// <summary>A copy of the test configuration with a check that fails on any test drop (they have 20 locations or fewer).</summary>
    internal static string WithAFailingCheck(TestPipeline test)
    {
        var config = TestConfig.CopyTo(test.Folder.Combine("config"));
        File.WriteAllText(Path.Combine(config, "checks", "zz_too_few_locations.yml"), "checks for dim_location:\n  - row_count > 1000\n");
        return config;
    }

    private static async Task<string> ReportAsync(TestPipeline test)
    {
        var (exit, output) = await test.CliAsync("report", "--out", test.Folder.Combine("report.html"));
        exit.Should().Be(0, output);
        return File.ReadAllText(test.Folder.Combine("report.html"));
    }

    /// <summary>The page from a section's title to the next title.</summary>
    private static string SectionOf(string html, string title)
    {
        var start = html.IndexOf($"<h2>{WebUtility.HtmlEncode(title)}</h2>", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, title);
        var end = html.IndexOf("<h2>", start + 4, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }

    /// <summary>The first cell of every row of a section's table, as a person reads it.</summary>
    private static List<string> FirstCells(string section) =>
        Regex.Matches(section, "<tr><td[^>]*>([^<]*)</td>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    private static async Task<HashSet<string>> ColumnAsync(TestPipeline test, string sql)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        await using var command = test.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            if (!reader.IsDBNull(0)) values.Add(reader.GetString(0));
        return values;
    }
}
