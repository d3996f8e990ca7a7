using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

[Collection(PostgresCollection.Name)]
public class ReportCommandTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Report_WhenATeamAddsItsOwnKpi_ShouldShowItAndSayWhenRowsAreCut()
    {
        using var config = new TempFolder("healthdw-report-config");
        foreach (var file in Directory.GetFiles(TestConfig.SmallDrops, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(config.Path, Path.GetRelativePath(TestConfig.SmallDrops, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(config.Path, "models", "kpi", "kpi_visits_by_status.sql"), """
            {{ config(materialized='view', tags=['kpi']) }}
            select f.status, count(*) as appointments, max(f.appt_date) as latest
            from {{ ref('fact_appointment') }} as f
            group by f.status
            """);
        await using var test = await TestPipeline.CreateAsync(postgres, config.Path);
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
}
