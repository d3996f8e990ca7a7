using HealthDw.Core.Checks;
using HealthDw.Core.Configuration;

namespace HealthDw.Tests.Core.Checks;

public class CheckParserTests
{
    private static ConfigException Fails(string yaml)
    {
        var act = () => CheckParser.Parse(new ConfigFile("checks/x.yml", yaml));
        return act.Should().Throw<ConfigException>().Which;
    }

    [Fact]
    public void Parse_WhenUnknownMetric_ShouldNameLineAndSupportedForms()
    {
        var error = Fails("checks for t:\n  - row_count > 0\n  - avg_length(name) < 5\n");

        error.Line.Should().Be(3);
        error.Problem.Should().Contain("unsupported check 'avg_length(name) < 5'").And.Contain("duplicate_count(col");
    }

    [Fact]
    public void Parse_WhenInvalidMetricHasNoValidity_ShouldSaySo() =>
        Fails("checks for t:\n  - invalid_count(age) = 0\n").Problem.Should().Contain("needs a validity rule");

    [Fact]
    public void Parse_WhenThresholdMissing_ShouldSaySo() =>
        Fails("checks for t:\n  - missing_count(age)\n").Problem.Should().Contain("has no threshold");

    [Fact]
    public void Parse_WhenConfigKeyMisspelt_ShouldListTheKnownOnes() =>
        Fails("checks for t:\n  - invalid_count(age) = 0:\n      valid minimum: 3\n").Problem.Should().Contain("unknown key 'valid minimum'");

    [Fact]
    public void Parse_WhenTopKeyIsNotChecksFor_ShouldSaySo() =>
        Fails("check for t:\n  - row_count > 0\n").Problem.Should().Contain("expected 'checks for <table>:'");

    [Fact]
    public void Parse_WhenFreshnessUnitUnknown_ShouldSaySo() =>
        Fails("checks for t:\n  - freshness(updated) < 2w\n").Problem.Should().Contain("duration such as 2d");

    [Fact]
    public void Parse_WhenPercentAndDurations_ShouldReadThem()
    {
        var checks = CheckParser.Parse(new ConfigFile("c.yml", "checks for t:\n  - missing_percent(a) < 5 %\n  - freshness(b) < 1d6h\n"));

        checks[0].Fail!.Value.Should().Be(5);
        checks[1].Fail!.Value.Should().Be(30, "hours");
        checks[1].Line.Should().Be(3);
    }
}
