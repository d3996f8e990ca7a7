using HealthDw.Core.Configuration;
using HealthDw.Core.Publishing;

namespace HealthDw.Tests.Core.Publishing;

/// <summary>
/// Issue 12, item 5: when a reconciliation's figures agree (the allowed difference is the larger of the absolute
/// tolerance and the relative one × the larger figure), and what a blocked drop says about one that does not.
/// </summary>
public sealed class ReconciliationLineTests
{
    [Theory]
    [InlineData("0", "0", "100", "100", true)]
    [InlineData("0", "0", "100", "100.001", false)]
    [InlineData("0.01", "0", "1234.50", "1234.51", true)]
    [InlineData("0.01", "0", "1234.50", "1234.52", false)]
    [InlineData("0", "0.000000001", "303597.871", "303597.8710002", true)]
    [InlineData("0", "0.000000001", "303597.871", "303597.872", false)]
    [InlineData("0.01", "0.000000001", "5", "5.009", true)]
    public void Allows_WhenTwoFiguresDiffer_ShouldAllowTheLargerOfTheAbsoluteAndRelativeTolerance(
        string absolute, string relative, string a, string b, bool allowed) =>
        new ReconciliationTolerance(D(absolute), D(relative)).Allows(D(a), D(b)).Should().Be(allowed);

    [Fact]
    public void Matches_WhenTheWarehouseAgreesButTheManifestDoesNot_ShouldNotMatchAndNameBothFiguresAndTheTolerance()
    {
        var line = new Reconciliation.Line("appointments", 1234, 1234, ReconciliationTolerance.Exact, ManifestTotal: 1240, DropFigure: 1234);

        line.Matches.Should().BeFalse();
        line.ToString().Should().Be("appointments: staging 1,234, published 1,234; manifest control total 1,240, this drop's rows 1,234 (off by -6, tolerance: exact)");
    }

    [Fact]
    public void Matches_WhenAQueryGaveNoNumber_ShouldNotMatchAndSayWhy()
    {
        var line = new Reconciliation.Line("billed_amount", null, 10, ReconciliationTolerance.Exact, Problem: "the staging query (reconciliations.yml:2) returned NULL");

        line.Matches.Should().BeFalse();
        line.ToString().Should().Be("billed_amount: the staging query (reconciliations.yml:2) returned NULL");
    }

    [Fact]
    public void ToString_WhenFiguresHaveMorePlacesThanCents_ShouldPrintEveryDigitSoThatDifferentFiguresNeverReadAlike()
    {
        var line = new Reconciliation.Line("cost", 49112.871m, 49112.87100000001m, ReconciliationTolerance.Exact);

        line.Matches.Should().BeFalse();
        line.ToString().Should().Be("cost: staging 49112.871, published 49112.87100000001 (off by 0.00000000001, tolerance: exact)");
    }

    private static decimal D(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
