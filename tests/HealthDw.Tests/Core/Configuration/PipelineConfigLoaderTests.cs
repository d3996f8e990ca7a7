using HealthDw.Cli.Local;
using HealthDw.Hosting.Configuration;
using HealthDw.Core.Configuration;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Core.Configuration;

public class PipelineConfigLoaderTests
{
    private const string Routes = """
        file_pattern: '^{table}_(?<drop>\d{8}T\d{4})(?:_part(?<part>\d+))?\.csv$'
        routes:
          - table: t_one
        """;

    private const string Contract = """
        table: t_one
        primary_key: [ID]
        columns:
          - { name: ID, type: bigint, nullable: false }
          - { name: NAME, type: varchar(10) }
        """;

    private static PipelineConfig Load(string routes = Routes, string contract = Contract, params ConfigFile[] more) =>
        PipelineConfigLoader.Load([new ConfigFile("routes.yml", routes), new ConfigFile("contracts/one.yml", contract), .. more]);

    private static ConfigException Fails(string routes = Routes, string contract = Contract, params ConfigFile[] more)
    {
        var act = () => Load(routes, contract, more);
        return act.Should().Throw<ConfigException>().Which;
    }

    [Fact]
    public void Load_WhenShippedConfiguration_ShouldDeclareEveryEmrTable()
    {
        var config = ConfigFolder.Load(Repo.ConfigFolder);

        config.Contracts.Keys.Should().BeEquivalentTo(
            "register_users", "register_address", "register_location", "chart_provider", "chart_code",
            "chart_appointment", "chart_diagnosis", "billing_claim", "billing_payment", "doctor_canary");
        config.Routes.Routes.Select(r => r.Table).Should().BeEquivalentTo(config.Contracts.Keys);
        config.Contract("register_users").Columns.Select(c => c.Name).Should().Equal(
            "UIDPK", "UID", "UFNAME", "ULNAME", "EMAIL", "GENDER", "AGE", "USERTYPE", "UPDATE_AT");
    }

    [Fact]
    public void Load_WhenValid_ShouldParseTypesKeysAndPolicies()
    {
        var contract = Load().Contract("t_one");

        contract.PrimaryKey.Should().Equal("ID");
        contract.ExtraColumns.Should().Be(ExtraColumns.Reject);
        contract.Columns[0].Type.Kind.Should().Be(ColumnKind.BigInt);
        contract.Columns[0].Nullable.Should().BeFalse();
        contract.Columns[1].Type.Should().Be(new ColumnType(ColumnKind.Varchar, Length: 10));
        contract.Columns[1].Nullable.Should().BeTrue();
    }

    [Fact]
    public void Load_WhenTypeUnknown_ShouldNameFileLineAndSupportedTypes()
    {
        var error = Fails(contract: Contract.Replace("varchar(10)", "string", StringComparison.Ordinal));

        error.File.Should().Be("contracts/one.yml");
        error.Line.Should().Be(5);
        error.Problem.Should().Contain("unknown type 'string'").And.Contain("varchar(n)");
    }

    [Fact]
    public void Load_WhenKeyMisspelt_ShouldRefuseItWithItsLine()
    {
        var error = Fails(contract: Contract.Replace("primary_key", "primary_keys", StringComparison.Ordinal));

        error.Line.Should().Be(2);
        error.Problem.Should().Contain("unknown key 'primary_keys'");
    }

    [Fact]
    public void Load_WhenRouteNamesTableWithoutContract_ShouldSayWhichTablesExist()
    {
        var error = Fails(routes: Routes.Replace("t_one", "t_two", StringComparison.Ordinal));

        error.File.Should().Be("routes.yml");
        error.Line.Should().Be(3);
        error.Problem.Should().Contain("t_two").And.Contain("known tables: t_one");
    }

    [Fact]
    public void Load_WhenPatternHasNoDropCapture_ShouldRefuseIt()
    {
        var error = Fails(routes: "routes:\n  - table: t_one\n    pattern: '^x\\.csv$'\n");

        error.Line.Should().Be(3);
        error.Problem.Should().Contain("(?<drop>");
    }

    [Fact]
    public void Load_WhenRegexInvalid_ShouldRefuseIt()
    {
        var error = Fails(routes: "routes:\n  - table: t_one\n    pattern: '^(?<drop>x'\n");

        error.Problem.Should().Contain("not a valid regular expression");
    }

    [Fact]
    public void Load_WhenYamlBroken_ShouldGivePosition()
    {
        var error = Fails(contract: "table: t_one\ncolumns: [ { name: ID\n");

        error.File.Should().Be("contracts/one.yml");
        error.Problem.Should().StartWith("not valid YAML");
    }

    [Fact]
    public void Load_WhenPrimaryKeyNullable_ShouldRefuseIt()
    {
        var error = Fails(contract: Contract.Replace("primary_key: [ID]", "primary_key: [NAME]", StringComparison.Ordinal));

        error.Problem.Should().Contain("nullable: false");
    }

    [Fact]
    public void Load_WhenReferenceTargetsUnknownColumn_ShouldNameIt()
    {
        var other = new ConfigFile("contracts/two.yml", """
            table: t_two
            columns:
              - { name: ONE_ID, type: bigint, references: t_one.MISSING }
            """);

        var error = Fails(more: other);

        error.File.Should().Be("contracts/two.yml");
        error.Line.Should().Be(3);
        error.Problem.Should().Contain("'MISSING'");
    }

    [Fact]
    public void Load_WhenTwoContractsClaimOneTable_ShouldRefuse()
    {
        var error = Fails(more: new ConfigFile("contracts/again.yml", Contract));

        error.Problem.Should().Contain("already has a contract in contracts/");
    }

    [Fact]
    public void Load_WhenColumnListedTwice_ShouldRefuse()
    {
        var error = Fails(contract: Contract + "\n  - { name: id, type: text }\n");

        error.Line.Should().Be(6);
        error.Problem.Should().Contain("listed twice");
    }

    [Fact]
    public void Load_WhenAContractHasNoRoute_ShouldSayHowToAddIt()
    {
        var error = Fails(more: new ConfigFile("contracts/two.yml", Contract.Replace("t_one", "t_two", StringComparison.Ordinal)));

        error.File.Should().Be("contracts/two.yml");
        error.Problem.Should().Contain("no route in routes.yml loads table 't_two'").And.Contain("add '- table: t_two'");
    }
}
