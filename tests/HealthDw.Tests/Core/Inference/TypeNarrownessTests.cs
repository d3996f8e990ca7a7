using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Inference;
using HealthDw.Core.Loading;

namespace HealthDw.Tests.Core.Inference;

/// <summary>Issue 15, item 1: the order of types that `contract infer` is held to ("as narrow as the shipped contract's, or
/// narrower"), checked against the validator's own cell rules.</summary>
public class TypeNarrownessTests
{
    private static ColumnType T(string text)
    {
        ColumnType.TryParse(text, out var type).Should().BeTrue(text);
        return type;
    }

    [Theory]
    [InlineData("integer", "bigint")]
    [InlineData("integer", "decimal(10,0)")]
    [InlineData("integer", "decimal(12,2)")]
    [InlineData("bigint", "decimal(19,0)")]
    [InlineData("bigint", "double")]
    [InlineData("decimal(5,2)", "decimal(12,2)")]
    [InlineData("decimal(3,1)", "decimal(4,2)")]
    [InlineData("decimal(12,2)", "double")]
    [InlineData("varchar(5)", "varchar(16)")]
    [InlineData("varchar(5)", "text")]
    [InlineData("bigint", "varchar(10)")]
    [InlineData("timestamp", "varchar(1)")]
    [InlineData("boolean", "text")]
    [InlineData("date", "date")]
    [InlineData("text", "text")]
    public void IsAsNarrowAs_WhenTheFirstAdmitsLess_ShouldBeTrue(string type, string than) =>
        TypeNarrowness.IsAsNarrowAs(T(type), T(than)).Should().BeTrue();

    [Theory]
    [InlineData("bigint", "integer")]
    [InlineData("integer", "decimal(9,0)")]
    [InlineData("bigint", "decimal(18,0)")]
    [InlineData("decimal(12,2)", "decimal(5,2)")]
    [InlineData("decimal(4,2)", "decimal(4,1)")]
    [InlineData("double", "decimal(38,10)")]
    [InlineData("varchar(16)", "varchar(5)")]
    [InlineData("text", "varchar(100)")]
    [InlineData("varchar(3)", "integer")]
    [InlineData("date", "timestamp")]
    [InlineData("boolean", "integer")]
    [InlineData("integer", "boolean")]
    public void IsAsNarrowAs_WhenTheFirstAdmitsSomethingTheSecondRefuses_ShouldBeFalse(string type, string than) =>
        TypeNarrowness.IsAsNarrowAs(T(type), T(than)).Should().BeFalse();

    /// <summary>Among typed columns the order is the rules' own: whenever it says T is as narrow as U, every cell of a
    /// corpus that T's rule accepts, U's accepts too.</summary>
    [Fact]
    public void IsAsNarrowAs_AmongTypedColumns_ShouldMeanEveryCellTheFirstAcceptsTheSecondAccepts()
    {
        string[] types = ["integer", "bigint", "decimal(1,0)", "decimal(5,2)", "decimal(10,0)", "decimal(12,2)", "decimal(19,0)", "decimal(20,1)",
            "decimal(38,10)", "double", "boolean", "date", "timestamp"];
        string[] cells = ["0", "-0", "1", "t", "yes", "N", "007", "42", "-42", "2147483647", "2147483648", "-2147483648", "9223372036854775807",
            "99999999999999999999", "1.5", "-0.25", "123.45", "1234567890.12", "12345678901.5", "1.123456789", "1e5", "1.5E-7", "+3",
            "2026-11-21", "2026-11-21 10:00", "2026-11-21T10:00:05.5Z", "NaN", "abc"];
        var checkedPairs = 0;
        foreach (var a in types)
        foreach (var b in types)
        {
            if (!TypeNarrowness.IsAsNarrowAs(T(a), T(b))) continue;
            checkedPairs++;
            foreach (var cell in cells.Where(c => Accepts(c, a)))
                Accepts(cell, b).Should().BeTrue($"{a} is said to be as narrow as {b}, and {a} accepts '{cell}'");
        }

        checkedPairs.Should().BeGreaterThan(types.Length, "pairs beyond each type with itself were checked");
    }

    private static bool Accepts(string cell, string type)
    {
        var value = default(CellValue);
        return CellParser.TryParse(Encoding.UTF8.GetBytes(cell), T(type), ref value) is null;
    }
}
