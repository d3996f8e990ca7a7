using HealthDw.Generator.Tests.Support;

namespace HealthDw.Generator.Tests;

[Collection(SharedDropCollection.Name)]
public sealed class ReferentialConsistencyTests(SharedDrop shared)
{
    [Fact]
    public void Generate_WhenScaleIsSmall_ShouldResolveEveryForeignKey() =>
        DropConsistency.ShouldBeConsistent(shared.Files);

    [Theory]
    [InlineData(0.0001)]
    [InlineData(0.003)]
    public void Generate_WhenScaleIsTiny_ShouldStillFillEveryTableConsistently(double scale) =>
        DropConsistency.ShouldBeConsistent(new GeneratedDropFiles(new GeneratorOptions(scale, 11, "20260101T0200")));

    [Fact]
    public void Generate_WhenScaleIsSmall_ShouldKeepTheDesignedProportions()
    {
        var drop = shared.Files;
        var completed = drop.Table("chart_appointment").Values("STATUS").Count(s => s == "completed");
        var claims = drop.Table("billing_claim").Rows.Count;

        drop.Table("register_users").Values("USERTYPE").Count(t => t == "patient").Should().Be(500);
        drop.Table("chart_provider").Rows.Should().HaveCount(10);
        drop.Table("chart_appointment").Rows.Should().HaveCount(15_000);
        claims.Should().Be(completed, "every completed appointment has one claim");
        ((double)drop.Table("chart_diagnosis").Rows.Count / completed).Should().BeInRange(1.1, 1.3);
        ((double)drop.Table("billing_payment").Rows.Count / claims).Should().BeInRange(0.5, 0.7);
    }
}
