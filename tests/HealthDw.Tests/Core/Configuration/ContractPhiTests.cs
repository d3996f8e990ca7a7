using HealthDw.Core.Configuration;
using HealthDw.Hosting.Configuration;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Core.Configuration;

/// <summary>Issue 15: a contract column may be marked <c>phi: true</c>; no command shows one of its values.</summary>
public class ContractPhiTests
{
    private const string Routes = """
        file_pattern: '^{table}_(?<drop>\d{8}T\d{4})(?:_part(?<part>\d+))?\.csv$'
        routes:
          - table: t_one
        """;

    private static PipelineConfig Load(string phi) => PipelineConfigLoader.Load(
    [
        new ConfigFile("routes.yml", Routes),
        new ConfigFile("contracts/one.yml", $$"""
            table: t_one
            columns:
              - { name: ID, type: bigint, nullable: false }
              - { name: NAME, type: text, phi: {{phi}} }
            """),
    ]);

    [Fact]
    public void Load_WhenAColumnIsMarkedPhi_ShouldCarryTheMarkOnThatColumnOnly()
    {
        var contract = Load("true").Contract("t_one");

        contract.Columns.Select(c => (c.Name, c.Phi)).Should().Equal(("ID", false), ("NAME", true));
        Load("false").Contract("t_one").Columns.Should().OnlyContain(c => !c.Phi);
    }

    [Fact]
    public void Load_WhenPhiIsNotTrueOrFalse_ShouldNameFileLineAndColumn()
    {
        var act = () => Load("maybe");

        var error = act.Should().Throw<ConfigException>().Which;
        (error.File, error.Line, error.Column).Should().Be(("contracts/one.yml", 4, 36));
        error.Problem.Should().Be("'phi' must be true or false");
    }

    [Fact]
    public void Load_ShippedContracts_ShouldMarkNamesEmailAgeAndAddressesButNotProvidersOrLocations()
    {
        var config = ConfigFolder.Load(Repo.ConfigFolder);

        var phi = config.Contracts.Values.SelectMany(t => t.Columns.Where(c => c.Phi).Select(c => $"{t.Table}.{c.Name}"));
        phi.Should().BeEquivalentTo(
            "register_users.UFNAME", "register_users.ULNAME", "register_users.EMAIL", "register_users.AGE",
            "register_address.STREET", "register_address.CITY", "register_address.ZIP");
    }

    [Fact]
    public void Load_SyntheaFixtureContracts_ShouldMarkEveryIdentifierOfAPatient()
    {
        var config = ConfigFolder.Load(Path.Combine(Repo.Fixtures, "synthea", "warehouse"));

        var patients = config.Contract("patients").Columns.Where(c => c.Phi).Select(c => c.Name);
        patients.Should().Contain(["SSN", "FIRST", "LAST", "BIRTHDATE", "ADDRESS", "ZIP", "LAT", "LON", "DRIVERS", "PASSPORT"]);
        config.Contract("providers").Columns.Should().OnlyContain(c => !c.Phi, "a provider's name and address are not PHI");
        config.Contract("organizations").Columns.Should().OnlyContain(c => !c.Phi);
    }
}
