using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Snowflake.Tests.Naming;

/// <summary>Snowflake's "Identifier requirements" (docs.snowflake.com/en/sql-reference/identifiers-syntax): unquoted names
/// are stored and resolved upper case, double-quoted ones keep their case; the SQL API's context fields must carry the
/// stored name ("Submitting a request to execute SQL statements").</summary>
public sealed class SnowflakeIdentifierTests
{
    [Theory]
    [InlineData("healthdw_loader", "HEALTHDW_LOADER", "healthdw_loader")]
    [InlineData("HealthDw_WH", "HEALTHDW_WH", "healthdw_wh")]
    [InlineData("  _my$id1 ", "_MY$ID1", "_my$id1")]
    [InlineData("\"healthdw\"", "healthdw", "\"healthdw\"")]
    [InlineData("\"HEALTHDW\"", "HEALTHDW", "healthdw")]
    [InlineData("\"My \"\"quoted\"\" wh\"", "My \"quoted\" wh", "\"My \"\"quoted\"\" wh\"")]
    [InlineData("\"3rd.db\"", "3rd.db", "\"3rd.db\"")]
    public void Parse_WhenConfigured_ShouldResolveAsSnowflakeStoresIt(string configured, string stored, string sql)
    {
        var identifier = SnowflakeIdentifier.Parse(configured);

        identifier.Name.Should().Be(stored);
        identifier.Sql.Should().Be(sql);
        SnowflakeIdentifier.Parse(identifier.Sql).Should().Be(identifier, "the SQL form resolves to the same stored name");
    }

    [Theory]
    [InlineData("healthdw-wh")]
    [InlineData("3rd_db")]
    [InlineData("health dw")]
    [InlineData("héalthdw")]
    [InlineData("")]
    [InlineData("\"unclosed")]
    [InlineData("\"\"")]
    [InlineData("\"a\"b\"")]
    public void Parse_WhenNotALegalIdentifier_ShouldRefuseNamingIt(string configured)
    {
        var act = () => SnowflakeIdentifier.Parse(configured, "the warehouse");

        act.Should().Throw<ArgumentException>().WithMessage("the warehouse*");
    }

    [Fact]
    public void Parse_WhenLongerThan255Characters_ShouldRefuse()
    {
        SnowflakeIdentifier.Parse(new string('a', 255)).Name.Should().HaveLength(255);

        var act = () => SnowflakeIdentifier.Parse(new string('a', 256));

        act.Should().Throw<ArgumentException>().WithMessage("*255*");
    }

    [Fact]
    public void ParseQualified_WhenAPartIsQuoted_ShouldKeepItsDotsAndCase()
    {
        var parts = SnowflakeIdentifier.ParseQualified("\"My.Db\".staging.\"Raw Stage\"");

        parts.Select(p => p.Name).Should().Equal("My.Db", "STAGING", "Raw Stage");
    }

    [Theory]
    [InlineData("@healthdw.staging.raw_stage", "@healthdw.staging.raw_stage", "HEALTHDW")]
    [InlineData("@staging.raw_stage", "@staging.raw_stage", null)]
    [InlineData("@HealthDw.\"Staging\".raw_stage", "@healthdw.\"Staging\".raw_stage", "HEALTHDW")]
    public void StageNameParse_WhenConfigured_ShouldRenderEachPartForSql(string configured, string sql, string? database)
    {
        var stage = SnowflakeStageName.Parse(configured);

        stage.Sql.Should().Be(sql);
        stage.Database?.Name.Should().Be(database);
        stage.Stage.Name.Should().Be("RAW_STAGE");
    }

    [Theory]
    [InlineData("s3://drops/")]
    [InlineData("@raw_stage")]
    [InlineData("@a.b.c.d")]
    [InlineData("@staging.raw-stage")]
    public void StageNameParse_WhenNotANamedStage_ShouldRefuse(string configured)
    {
        var act = () => SnowflakeStageName.Parse(configured);

        act.Should().Throw<ArgumentException>();
    }
}
