using System.Text.RegularExpressions;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

[Collection(PostgresSecondCollection.Name)]
public class ChecksCommandTests(PostgresFixture postgres)
{
    [Fact]
    public async Task ChecksRun_WhenACheckFails_ShouldEndWithThePassWarnAndFailTotals()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        Drops.Write(test.Folder.Combine("drop"));
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(0);
        var failing = test.Settings with { ConfigFolder = ReportCommandTests.WithAFailingCheck(test) };

        var (exit, output) = await TestPipeline.CliAsync(failing, 200, "checks", "run");

        exit.Should().Be(1, output);
        var outcomes = Regex.Matches(output, @"│ (pass|warn|fail)\s+│").Select(m => m.Groups[1].Value).ToList();
        var last = output.TrimEnd().Split('\n')[^1].TrimEnd('\r');
        last.Should().Be($"{outcomes.Count} checks: {outcomes.Count(o => o == "pass")} pass, {outcomes.Count(o => o == "warn")} warn, {outcomes.Count(o => o == "fail")} fail");
        outcomes.Count(o => o == "fail").Should().Be(1, "the one failing check");
        outcomes.Count.Should().Be(test.Pipeline.Analytics.Checks.Count + 1);
    }
}
