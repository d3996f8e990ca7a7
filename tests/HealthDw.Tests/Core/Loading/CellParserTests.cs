using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Loading;

namespace HealthDw.Tests.Core.Loading;

public class CellParserTests
{
    private static (string? Rule, CellValue Value) Parse(string cell, string type)
    {
        ColumnType.TryParse(type, out var t).Should().BeTrue();
        var value = default(CellValue);
        var rule = CellParser.TryParse(Encoding.UTF8.GetBytes(cell), t, ref value);
        return (rule, value);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-42", -42L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void TryParse_WhenBigintValid_ShouldGiveTheNumber(string cell, long expected) =>
        Parse(cell, "bigint").Value.Int64.Should().Be(expected);

    [Theory]
    [InlineData("1.5", "bigint")]
    [InlineData(" 1", "bigint")]
    [InlineData("+1", "bigint")]
    [InlineData("1e3", "bigint")]
    [InlineData("9223372036854775808", "bigint")]
    [InlineData("2147483648", "integer")]
    [InlineData("abc", "integer")]
    [InlineData("12.345", "decimal(12,2)")]
    [InlineData("12345678901.00", "decimal(12,2)")]
    [InlineData("1,000.00", "decimal(12,2)")]
    [InlineData(".5", "decimal(12,2)")]
    [InlineData("maybe", "boolean")]
    [InlineData("2026-02-30", "date")]
    [InlineData("2026-1-01", "date")]
    [InlineData("2026-11-21 24:00:00", "timestamp")]
    [InlineData("not-a-date", "timestamp")]
    [InlineData("2026-11-21 10:00:00.123456789", "timestamp")]
    public void TryParse_WhenCellDoesNotFitType_ShouldSayType(string cell, string type) =>
        Parse(cell, type).Rule.Should().Be("type");

    [Fact]
    public void TryParse_WhenDecimalFits_ShouldKeepItExactly()
    {
        Parse("1234567890.25", "decimal(12,2)").Value.Decimal.Should().Be(1234567890.25m);
        Parse("-0.5", "decimal(12,2)").Value.Decimal.Should().Be(-0.5m);
        Parse("007", "decimal(3,0)").Value.Decimal.Should().Be(7m);
    }

    [Theory]
    [InlineData("2026-11-21 14:30:00", "2026-11-21T14:30:00.0000000")]
    [InlineData("2026-11-21T14:30", "2026-11-21T14:30:00.0000000")]
    [InlineData("2026-11-21 14:30:05.25", "2026-11-21T14:30:05.2500000")]
    [InlineData("2026-11-21T14:30:05Z", "2026-11-21T14:30:05.0000000")]
    public void TryParse_WhenTimestampForm_ShouldGiveTheInstant(string cell, string expected)
    {
        var (rule, value) = Parse(cell, "timestamp");

        rule.Should().BeNull();
        value.Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture).Should().Be(expected);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("F", false)]
    [InlineData("1", true)]
    [InlineData("no", false)]
    [InlineData("Y", true)]
    public void TryParse_WhenBoolean_ShouldAcceptCommonSpellings(string cell, bool expected) =>
        Parse(cell, "boolean").Value.Boolean.Should().Be(expected);

    [Fact]
    public void TryParse_WhenVarcharTooLong_ShouldSayLengthCountingCharactersNotBytes()
    {
        Parse("Zoë", "varchar(3)").Rule.Should().BeNull();
        Parse("Zoës", "varchar(3)").Rule.Should().Be("length");
    }

    [Fact]
    public void TryParse_WhenDate_ShouldGiveTheDay() =>
        Parse("2024-02-29", "date").Value.Date.Should().Be(new DateOnly(2024, 2, 29));

    // Issue 12, item 2: NUL is valid UTF-8, but PostgreSQL's text cannot hold it ("invalid byte sequence for encoding UTF8: 0x00").
    [Theory]
    [InlineData("Jo\0e", "text")]
    [InlineData("\0", "text")]
    [InlineData("Jo\0e", "varchar(10)")]
    public void TryParse_WhenTextHoldsANulByte_ShouldSayEncoding(string cell, string type) =>
        Parse(cell, type).Rule.Should().Be("encoding");

    [Theory]
    [InlineData("49112.87100000001", 49112.87100000001)]
    [InlineData("-0.5", -0.5)]
    [InlineData("1.5e-7", 1.5e-7)]
    [InlineData("+2E3", 2000.0)]
    [InlineData("42", 42.0)]
    [InlineData("1.7976931348623157E+308", double.MaxValue)]
    public void TryParse_WhenDoubleIsAFiniteNumber_ShouldGiveIt(string cell, double expected)
    {
        var (rule, value) = Parse(cell, "double");
        rule.Should().BeNull();
        value.Double.Should().Be(expected);
    }

    /// <summary>The policy: only finite numbers load into a double. NaN and Infinity would load into both warehouses, but
    /// sort, compare and aggregate differently in each, and one NaN makes every sum over the column NaN.</summary>
    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("inf")]
    [InlineData("-inf")]
    [InlineData("1e999")]
    [InlineData("1,5")]
    [InlineData(" 1.5")]
    [InlineData("0x10")]
    [InlineData("e5")]
    public void TryParse_WhenDoubleIsNotAFiniteNumber_ShouldRefuseItAsType(string cell) =>
        Parse(cell, "double").Rule.Should().Be("type");

    [Theory]
    [InlineData("double")]
    [InlineData("float")]
    public void TryParse_WhenTheContractSaysDouble_ShouldBeDoublePrecision(string type)
    {
        ColumnType.TryParse(type, out var t).Should().BeTrue();
        t.Should().Be(new ColumnType(ColumnKind.Double));
        t.ToSql().Should().Be("double precision");
    }
}
