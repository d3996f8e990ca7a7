using HealthDw.Cli.Local;
using HealthDw.Hosting.Configuration;
using HealthDw.Core.Routing;
using HealthDw.Functions.Events;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Core.Routing;

public class RouteTableTests
{
    private static readonly RouteTable Routes = ConfigFolder.Load(Repo.ConfigFolder).Routes;

    [Theory]
    [InlineData("raw_files/register_users_20261121T0200.csv", "register_users", "20261121T0200", null)]
    [InlineData("raw_files/billing_claim_20261121T1900_part2.csv", "billing_claim", "20261121T1900", 2)]
    [InlineData("chart_appointment_20261121T0200_part10.csv", "chart_appointment", "20261121T0200", 10)]
    [InlineData("raw_files/register_users_20261121T0200.csv.gz", "register_users", "20261121T0200", null)]
    [InlineData("raw_files/billing_claim_20261121T1900_part2.csv.gz", "billing_claim", "20261121T1900", 2)]
    public void Resolve_WhenNameFollowsConvention_ShouldGiveTableDropAndPart(string key, string table, string drop, int? part)
    {
        var decision = Routes.Resolve(key);

        decision.Kind.Should().Be(RouteKind.Routed);
        decision.Table.Should().Be(table);
        decision.DropId.Should().Be(drop);
        decision.Part.Should().Be(part);
    }

    [Theory]
    [InlineData("raw_files/register_users_20261121T0200.csv.tmp")]
    [InlineData("raw_files/.DS_Store")]
    [InlineData("raw_files/billing_claim_20261121T0200.csv.part")]
    [InlineData("raw_files/~lock.register_users.csv")]
    public void Resolve_WhenUploadInFlightOrHidden_ShouldIgnore(string key) =>
        Routes.Resolve(key).Kind.Should().Be(RouteKind.Ignored);

    [Theory]
    [InlineData("raw_files/register_users_20261121T0200.csv.bz2")]
    [InlineData("raw_files/register_users_20261121T0200.csv.zst")]
    public void Resolve_WhenCompressedInAFormatThatIsNotRead_ShouldBeUnknownSayingWhatIsAccepted(string key)
    {
        var decision = Routes.Resolve(key);

        decision.Kind.Should().Be(RouteKind.Unknown, "no reader: a file of that compression is never loaded as text");
        decision.Reason.Should().Contain("register_users_20261121T0200.csv.").And.Contain("cannot read").And.Contain(".csv.br (Brotli)");
    }

    [Theory]
    [InlineData("raw_files/register_users_20261121T0200.csv.gz")]
    [InlineData("raw_files/register_users_20261121T0200.csv.br")]
    [InlineData("raw_files/register_users_20261121T0200.csv.deflate")]
    [InlineData("raw_files/register_users_20261121T0200.csv.raw_deflate")]
    public void Resolve_WhenCompressedInAFormatThatIsRead_ShouldRoute(string key) =>
        Routes.Resolve(key).Table.Should().Be("register_users");

    [Fact]
    public void Resolve_WhenManifest_ShouldBeControlWithDrop()
    {
        var decision = Routes.Resolve("raw_files/_manifest_20261121T0200.json");

        decision.Kind.Should().Be(RouteKind.Control);
        decision.DropId.Should().Be("20261121T0200");
    }

    [Theory]
    [InlineData("raw_files/register_userz_20261121T0200.csv")]
    [InlineData("raw_files/register_users_2026112T0200.csv")]
    [InlineData("raw_files/register_users_20261121T0200.txt")]
    [InlineData("raw_files/notes.docx")]
    public void Resolve_WhenNameMatchesNoRoute_ShouldBeUnknownWithExpectedForm(string key)
    {
        var decision = Routes.Resolve(key);

        decision.Kind.Should().Be(RouteKind.Unknown);
        decision.Reason.Should().Contain("<table>_<yyyyMMddTHHmm>").And.Contain("chart_appointment");
    }

    [Theory]
    [InlineData("raw_files/chart_appointmnt_20261122T0200.csv", "chart_appointment_20261122T0200.csv")]
    [InlineData("raw_files/register_userz_20261121T0200_part2.csv", "register_users_20261121T0200_part2.csv")]
    [InlineData("raw_files/Billing_Claims.csv", "billing_claim_<yyyyMMddTHHmm>.csv")]
    [InlineData("raw_files/Chart_Code_20261121T0200.csv", "chart_code_20261121T0200.csv")]
    public void Resolve_WhenNameIsATypoOfATable_ShouldSuggestTheName(string key, string suggestion)
    {
        Routes.Resolve(key).Reason.Should().EndWith($"did you mean {suggestion}?");
    }

    [Fact]
    public void Resolve_WhenNameIsNothingLikeATable_ShouldSuggestNothing()
    {
        Routes.Resolve("raw_files/notes.docx").Reason.Should().NotContain("did you mean");
    }

    [Fact]
    public void Tables_WhenOrderedForLoading_ShouldPutReferencedTablesFirst()
    {
        var config = ConfigFolder.Load(Repo.ConfigFolder);
        var order = LoadOrder.Tables(config).ToList();

        foreach (var contract in config.Contracts.Values)
        {
            foreach (var reference in contract.Columns.Select(c => c.References).OfType<HealthDw.Core.Configuration.ColumnReference>())
                order.IndexOf(reference.Table).Should().BeLessThan(order.IndexOf(contract.Table), $"{contract.Table} references {reference}");
        }
    }
}
