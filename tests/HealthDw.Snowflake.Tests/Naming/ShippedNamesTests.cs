using System.Text.RegularExpressions;
using HealthDw.Snowflake.Tests.Emulator;
using HealthDw.Snowflake.Tests.Support;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Snowflake.Tests.Naming;

/// <summary>
/// <c>warehouse/snowflake/setup.sql</c> is a script an administrator runs by hand, so it stays a static file; instead, every
/// name a deployed stage is configured with (<c>infra-cdk/stages.json</c>) must resolve (<see cref="SnowflakeIdentifier"/>)
/// to an object that script creates, as Snowflake stores it (read by the emulator's own rule). The SQL API's context fields
/// are case-sensitive and must match the stored name ("Submitting a request to execute SQL statements").
/// </summary>
public sealed partial class ShippedNamesTests
{
    private static readonly EmulatedAccount Setup = EmulatedAccount.FromShippedSetup();

    public static TheoryData<string> Stages()
    {
        var data = new TheoryData<string>();
        foreach (var stage in ShippedSnowflakeNames.All())
            data.Add(stage.StageName);
        return data;
    }

    [Fact]
    public void SetupSql_ShouldCreateTheObjectsUnquotedSoSnowflakeStoresThemUpperCase()
    {
        Setup.Roles.Should().Contain("HEALTHDW_LOADER");
        Setup.Warehouses.Should().Contain("HEALTHDW_WH");
        Setup.Databases.Should().Contain("HEALTHDW");
        Setup.Schemas.Should().Contain(["HEALTHDW.STAGING", "HEALTHDW.ANALYTICS", "HEALTHDW.AUDIT"]);
        Setup.Stages.Should().Contain("HEALTHDW.STAGING.RAW_STAGE");
        Setup.Stage("HEALTHDW", "STAGING", "RAW_STAGE")!.Integration.Should().Be("HEALTHDW_S3");
        Setup.Integration("HEALTHDW_S3")!.Allows("HEALTHDW_LOADER").Should().BeTrue("the doctor reads DESC INTEGRATION as the pipeline's role");
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void StagesJson_ForEveryStage_ShouldNameWhatSetupSqlCreatesOnceResolved(string stageName)
    {
        var names = ShippedSnowflakeNames.All().Single(s => s.StageName == stageName);

        Setup.Roles.Should().Contain(SnowflakeIdentifier.Parse(names.Role).Name);
        Setup.Warehouses.Should().Contain(SnowflakeIdentifier.Parse(names.Warehouse).Name);
        Setup.Databases.Should().Contain(SnowflakeIdentifier.Parse(names.Database).Name);
        var stage = SnowflakeStageName.Parse(names.Stage);
        var database = stage.Database?.Name ?? SnowflakeIdentifier.Parse(names.Database).Name;
        Setup.Stages.Should().Contain($"{database}.{stage.Schema.Name}.{stage.Stage.Name}");
        SetupUsers().Should().Contain(SnowflakeIdentifier.Parse(names.User).Name, "the JWT's user is the service user setup.sql creates");
    }

    private static IEnumerable<string> SetupUsers() =>
        CreateUser().Matches(File.ReadAllText(EmulatedAccount.ShippedSetupPath)).Select(m => m.Groups[1].Value.ToUpperInvariant());

    [GeneratedRegex(@"^\s*create\s+user\s+if\s+not\s+exists\s+([A-Za-z_][\w$]*)", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex CreateUser();
}
