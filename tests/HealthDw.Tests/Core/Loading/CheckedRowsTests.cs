using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Loading;
using HealthDw.Core.Validation;

namespace HealthDw.Tests.Core.Loading;

/// <summary>The whole-file check that the local loader copies through and the Snowflake loader runs before its COPY.</summary>
public class CheckedRowsTests
{
    private static readonly TableContract People = PipelineConfigLoader.Load([
        new ConfigFile("routes.yml", "file_pattern: '^{table}_(?<drop>\\d+)\\.csv$'\nroutes:\n  - table: people\n"),
        new ConfigFile("contracts/people.yml", """
            table: people
            columns:
              - { name: ID, type: bigint, nullable: false }
              - { name: NAME, type: text }
            """),
    ]).Contract("people");

    private static (long Rows, ProblemLog Problems) CheckAll(string text)
    {
        var problems = new ProblemLog();
        var rows = CheckedRows.CheckAll(new MemoryStream(Encoding.UTF8.GetBytes(text)), People, problems, CancellationToken.None);
        return (rows, problems);
    }

    // Issue 12, item 7.
    [Theory]
    [InlineData("ID,NAME\n1,a\n2,b\n\n")]
    [InlineData("ID,NAME\r\n1,a\r\n2,b\r\n\r\n\r\n")]
    [InlineData("ID,NAME\n1,a\n2,b\n\n\n\n\n")]
    public void CheckAll_WhenTheFileEndsWithBlankLines_ShouldCountOnlyItsRows(string text)
    {
        var (rows, problems) = CheckAll(text);

        problems.Kept.Should().BeEmpty();
        rows.Should().Be(2);
    }

    [Fact]
    public void CheckAll_WhenABlankLineIsBetweenRows_ShouldRefuseItsLine() =>
        CheckAll("ID,NAME\n1,a\n\n2,b\n\n").Problems.Kept.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Rule = Rules.FieldCount, Line = 3L, Message = "the line is blank" });

    [Fact]
    public void CheckAll_WhenABlankLineComesBeforeABadRecord_ShouldRefuseBoth() =>
        CheckAll("ID,NAME\n1,a\n\n2,\"b\"x\n").Problems.Kept.Select(p => (p.Rule, p.Line))
            .Should().Equal((Rules.FieldCount, 3L), (Rules.Quote, 4L));

    // Issue 12, item 2.
    [Fact]
    public void CheckAll_WhenATextCellHoldsANulByte_ShouldRefuseItsLineAndColumn()
    {
        var (_, problems) = CheckAll("ID,NAME\n1,a\n2,Jo\0e\n");

        problems.Kept.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Rule = Rules.Encoding, Line = 3L, Column = 2, ColumnName = "NAME" });
    }
}
