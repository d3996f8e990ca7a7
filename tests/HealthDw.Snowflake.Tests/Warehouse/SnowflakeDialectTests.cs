using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Snowflake.Tests.Warehouse;

public sealed class SnowflakeDialectTests
{
    private readonly SnowflakeDialect _dialect = new();

    [Fact]
    public void Name_ShouldBeSnowflake() => _dialect.Name.Should().Be("snowflake");

    [Fact]
    public void DaysBetween_ShouldUseDatediffOnDates() =>
        _dialect.DaysBetween("submitted_date", "as_of").Should().Be("datediff(day, (submitted_date)::date, (as_of)::date)");

    [Fact]
    public void AddDays_ShouldUseDateaddWithAnIntegerCount() =>
        _dialect.AddDays("d", "7").Should().Be("dateadd(day, (7)::integer, (d)::date)");

    [Fact]
    public void DateSpine_ShouldNumberGeneratorRowsFromTheFirstDay()
    {
        _dialect.DateSpine("2020-01-01", "2030-12-31").Should().Be(
            "(select dateadd(day, row_number() over (order by seq4()) - 1, '2020-01-01'::date) as date_day " +
            "from table(generator(rowcount => 4018)))");
    }

    [Fact]
    public void DateSpine_WhenBothEndsAreTheSameDay_ShouldGenerateOneRow() =>
        _dialect.DateSpine("2026-11-21", "2026-11-21").Should().EndWith("generator(rowcount => 1)))");

    [Theory]
    [InlineData("21/11/2026", "2026-11-30")]
    [InlineData("2026-11-30", "2026-11-21")]
    public void DateSpine_WhenTheBoundsAreNotDaysInOrder_ShouldRefuse(string first, string last)
    {
        var act = () => _dialect.DateSpine(first, last);

        act.Should().Throw<ArgumentException>().WithMessage("*date_spine*");
    }

    [Fact]
    public void DayOfWeekIso_ShouldUseDayofweekiso() => _dialect.DayOfWeekIso("date_day").Should().Be("dayofweekiso(date_day)");

    [Fact]
    public void MonthName_ShouldUseMonthname() => _dialect.MonthName("date_day").Should().Be("monthname(date_day)");

    [Fact]
    public void RegexMatches_ShouldSearchLikePostgresAndEscapeBackslashesAndQuotes() =>
        _dialect.RegexMatches("cast(npi as varchar)", @"^\d{10}$|o'k").Should().Be(
            @"regexp_like((cast(npi as varchar))::varchar, '.*(^\\d{10}$|o''k).*', 's')");

    [Fact]
    public void TimestampLiteral_ShouldWriteUtcWithAnExplicitFormat() =>
        _dialect.TimestampLiteral(new DateTimeOffset(2026, 11, 21, 3, 0, 5, TimeSpan.FromHours(1))).Should().Be(
            "to_timestamp_ntz('2026-11-21 02:00:05', 'YYYY-MM-DD HH24:MI:SS')");

    [Fact]
    public void UseSchema_ShouldUseSchema() => _dialect.UseSchema("build_20261121t0200").Should().Be("use schema build_20261121t0200");

    [Fact]
    public void CloneTable_ShouldBeAZeroCopyClone() =>
        _dialect.CloneTable("analytics.fact_claim", "build_x.fact_claim").Should().Be("create table build_x.fact_claim clone analytics.fact_claim");

    [Fact]
    public void SwapSchemas_ShouldSwapThenDropTheBuildThatNowHoldsTheOldLive() =>
        _dialect.SwapSchemas("analytics", "build_x").Should().Equal(
            "alter schema analytics swap with build_x",
            "drop schema if exists build_x cascade");

    [Fact]
    public void ColumnsQuery_ShouldCompareUpperCaseNamesAndReturnPostgresSpelledTypes()
    {
        var sql = _dialect.ColumnsQuery("staging", "register_users");

        sql.Should().Contain("select lower(column_name) as column_name,")
            .And.Contain("from information_schema.columns")
            .And.Contain("where table_schema = 'STAGING' and table_name = 'REGISTER_USERS'")
            .And.Contain("order by ordinal_position")
            .And.Contain("when data_type = 'NUMBER' and numeric_scale = 0 and numeric_precision <= 10 then 'integer'")
            .And.Contain("when data_type = 'NUMBER' and numeric_scale = 0 then 'bigint'")
            .And.Contain("when data_type = 'TEXT' and character_maximum_length < 16777216 then 'character varying'")
            .And.Contain("when data_type = 'TIMESTAMP_NTZ' then 'timestamp without time zone'")
            .And.Contain("else lower(data_type)");
    }

    [Fact]
    public void RelationExistsQuery_ShouldLookInInformationSchemaTablesWithUpperCaseNames() =>
        _dialect.RelationExistsQuery("analytics", "fact_claim").Should().Be(
            "select 1 from information_schema.tables where table_schema = 'ANALYTICS' and table_name = 'FACT_CLAIM'");
}
