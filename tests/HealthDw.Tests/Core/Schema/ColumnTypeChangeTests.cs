using HealthDw.Core.Configuration;
using HealthDw.Core.Schema;

namespace HealthDw.Tests.Core.Schema;

/// <summary>Which contract type changes each warehouse makes in place (issue 12, item 1). Snowflake's limits are its SQL
/// reference's, "ALTER TABLE … ALTER COLUMN": a longer VARCHAR and a larger NUMBER precision, no scale change, no other type.</summary>
public sealed class ColumnTypeChangeTests
{
    [Theory]
    [InlineData("varchar(10)", "varchar(20)", true, true)]
    [InlineData("varchar(10)", "text", true, true)]
    [InlineData("integer", "bigint", true, true)]
    [InlineData("decimal(10,2)", "decimal(14,2)", true, true)]
    [InlineData("decimal(10,2)", "decimal(12,4)", true, false)]
    [InlineData("integer", "decimal(12,2)", true, false)]
    [InlineData("decimal(10,2)", "text", true, false)]
    [InlineData("date", "text", true, false)]
    [InlineData("varchar(20)", "varchar(10)", false, false)]
    [InlineData("text", "varchar(10)", false, false)]
    [InlineData("bigint", "integer", false, false)]
    [InlineData("decimal(10,2)", "decimal(10,1)", false, false)]
    [InlineData("decimal(10,2)", "decimal(9,2)", false, false)]
    [InlineData("decimal(10,2)", "double", false, false)]
    [InlineData("date", "timestamp", false, false)]
    [InlineData("text", "integer", false, false)]
    public void Refusal_WhenATypeChanges_ShouldAllowOnlyWideningsEachWarehouseMakes(string from, string to, bool postgres, bool snowflake)
    {
        ColumnType.TryParse(from, out var actual).Should().BeTrue();
        ColumnType.TryParse(to, out var wanted).Should().BeTrue();
        var change = new ColumnTypeChange("t", "c", actual, wanted);

        (change.Refusal(AlterLimits.PostgreSql) is null).Should().Be(postgres, "PostgreSQL");
        (change.Refusal(AlterLimits.Snowflake) is null).Should().Be(snowflake, "Snowflake");
    }
}
