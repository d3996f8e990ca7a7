using System.Text;
using HealthDw.Core.Drops;

namespace HealthDw.Tests.Core.Drops;

/// <summary>
/// Issue 12, item 5: a manifest may carry the source system's control totals (warehouse/schemas/manifest.schema.json,
/// "control_totals"). They are read exactly, as decimals, from a JSON number or a string; anything else is refused with
/// the line and column of the figure, and the message names the measure, never the figure.
/// </summary>
public sealed class ManifestControlTotalsTests
{
    private const string Name = "_manifest_20261121T0200.json";

    private static DropManifest Read(string json) => ManifestReader.Read(Name, Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Read_WhenTheManifestCarriesControlTotals_ShouldReadNumbersAndStringsAsExactDecimals()
    {
        var manifest = Read("""{"drop": "20261121T0200", "files": [], "control_totals": {"appointments": 1234, "billed_amount": "123456.78", "cost": 49112.87100000001}}""");

        manifest.ControlTotals.Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["appointments"] = 1234m, ["billed_amount"] = 123456.78m, ["cost"] = 49112.87100000001m,
        });
    }

    [Fact]
    public void Read_WhenTheManifestHasNoControlTotals_ShouldHaveNone() =>
        Read("""{"drop": "20261121T0200", "files": []}""").ControlTotals.Should().BeNull();

    [Theory]
    [InlineData("\"9,999.77\"", "control total \"billed_amount\" must be a number or a string holding a decimal")]
    [InlineData("\"77e3\"", "control total \"billed_amount\" must be a number")]
    [InlineData("true", "control total \"billed_amount\" must be a number")]
    [InlineData("[777]", "control total \"billed_amount\" must be a number")]
    public void Read_WhenAControlTotalIsNotADecimal_ShouldRefuseTheManifestAtItsLineAndColumnWithoutTheFigure(string figure, string problem)
    {
        var json = "{\"drop\": \"20261121T0200\",\n \"files\": [],\n \"control_totals\": {\n  \"appointments\": 3,\n  \"billed_amount\": " + figure + "}}";

        var refused = ((Action)(() => Read(json))).Should().Throw<ManifestException>().Which;

        refused.Name.Should().Be(Name);
        refused.Line.Should().Be(5);
        refused.Column.Should().BeGreaterThan(1);
        refused.Problem.Should().Contain(problem);
        refused.Message.Should().NotContain(figure.Trim('"', '[', ']'));
    }

    [Theory]
    [InlineData("""{"Billed Amount": 1}""", "a control total's name must be lower-case")]
    [InlineData("""{"a": 1, "a": 2}""", "control total \"a\" is given twice")]
    [InlineData("""[1, 2]""", "\"control_totals\" must be an object")]
    public void Read_WhenControlTotalsAreMisshapen_ShouldRefuseTheManifestNamingTheRule(string totals, string problem)
    {
        var read = () => Read("{\"drop\": \"20261121T0200\", \"files\": [], \"control_totals\": " + totals + "}");

        read.Should().Throw<ManifestException>().Which.Problem.Should().Contain(problem);
    }
}
