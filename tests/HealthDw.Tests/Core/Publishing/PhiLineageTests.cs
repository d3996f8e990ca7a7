using HealthDw.Core.Configuration;
using HealthDw.Core.Publishing;
using HealthDw.Hosting.Configuration;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Core.Publishing;

/// <summary>Which checked columns hold PHI, on the shipped configuration: a staging column as its contract says; every column
/// of a model that reads a table with a phi column, however many models away.</summary>
public class PhiLineageTests
{
    private static readonly (PipelineConfig Pipeline, AnalyticsProject Analytics) Shipped = ConfigFolder.LoadAll(Repo.ConfigFolder);

    [Theory]
    [InlineData("staging.register_users", "age", true)]
    [InlineData("staging.register_users", "UFNAME", true)]
    [InlineData("staging.register_users", "uid", false)]
    [InlineData("staging.billing_claim", "billed_amount", false)]
    [InlineData("dim_patient", "age", true)]
    [InlineData("dim_patient", "patient_uid", true)]
    [InlineData("stg_register__users", "uidpk", true)]
    [InlineData("fact_claim", "billed_amount", true)]
    [InlineData("dim_code", "code_pk", false)]
    [InlineData("dim_location", "location_name", false)]
    public void Holds_WhenTheColumnOrWhatTheModelReads_ShouldFollowTheContractsPhiFlags(string table, string column, bool phi)
    {
        PhiLineage.Holds(table, [column], Shipped.Analytics.Models, Shipped.Pipeline).Should().Be(phi);
    }

    [Fact]
    public void Load_WhenAShippedCheckMeasuresCellsOfAModelThatReadsPhi_ShouldHideItsValue()
    {
        var checks = Shipped.Analytics.Checks;

        checks.Single(c => c.Table == "fact_claim" && c.Name == "min(billed_amount) >= 0").HidesValue.Should().BeTrue();
        checks.Single(c => c.Table == "dim_patient" && c.Name == "invalid_percent(age) < 1 %")
            .Should().Match<HealthDw.Core.Checks.CheckDefinition>(c => c.OverPhi && !c.HidesValue, "a percent is not a cell value");
    }
}
