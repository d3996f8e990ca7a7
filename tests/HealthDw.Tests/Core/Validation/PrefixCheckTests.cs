using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Validation;

namespace HealthDw.Tests.Core.Validation;

public class PrefixCheckTests
{
    private static TableContract Contract(ExtraColumns extra = ExtraColumns.Reject) => PipelineConfigLoader.Load([
        new ConfigFile("routes.yml", "file_pattern: '^{table}_(?<drop>\\d+)\\.csv$'\nroutes:\n  - table: people\n"),
        new ConfigFile("contracts/people.yml", $"""
            table: people
            extra_columns: {extra.ToString().ToLowerInvariant()}
            columns:
              - {"{"} name: ID, type: bigint, nullable: false {"}"}
              - {"{"} name: NAME, type: text {"}"}
              - {"{"} name: BORN, type: date {"}"}
            """),
    ]).Contract("people");

    private static ProblemLog Check(string text, bool wholeFile = true, ExtraColumns extra = ExtraColumns.Reject) =>
        PrefixCheck.Check(Contract(extra), Encoding.UTF8.GetBytes(text), wholeFile);

    [Fact]
    public void Check_WhenFileMatchesContract_ShouldFindNothing() =>
        Check("ID,NAME,BORN\r\n1,\"Nguyễn, Văn\",1980-01-02\r\n2,,\r\n").Any.Should().BeFalse();

    [Fact]
    public void Check_WhenHeaderMissesAColumn_ShouldNameTheColumn()
    {
        var problem = Check("ID,BORN\n1,1980-01-02\n").Kept.Should().ContainSingle().Which;

        problem.Should().BeEquivalentTo(new { Rule = Rules.MissingColumn, Line = 1L, ColumnName = "NAME" });
        problem.Hint.Should().Contain("ID,NAME,BORN");
    }

    [Fact]
    public void Check_WhenExtraColumnAndPolicyRejects_ShouldNameItsPosition() =>
        Check("ID,NAME,BORN,SSN\n1,a,1980-01-02,x\n").Kept.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Rule = Rules.ExtraColumn, Line = 1L, Column = 4, ColumnName = "SSN" });

    [Fact]
    public void Check_WhenExtraColumnAndPolicyIgnores_ShouldAcceptTheFile() =>
        Check("ID,SSN,NAME,BORN\n1,x,a,1980-01-02\n", extra: ExtraColumns.Ignore).Any.Should().BeFalse();

    [Fact]
    public void Check_WhenColumnsReordered_ShouldSayOrder() =>
        Check("ID,BORN,NAME\n1,1980-01-02,a\n").Kept.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Rule = Rules.ColumnOrder, Line = 1L });

    [Fact]
    public void Check_WhenSemicolonSeparated_ShouldSayDelimiter() =>
        Check("ID;NAME;BORN\n1;a;1980-01-02\n").Kept.Should().ContainSingle().Which.Rule.Should().Be(Rules.Delimiter);

    [Fact]
    public void Check_WhenEmpty_ShouldSayEmptyFile() =>
        Check("").Kept.Should().ContainSingle().Which.Rule.Should().Be(Rules.EmptyFile);

    [Fact]
    public void Check_WhenHeaderOnly_ShouldSayNoRows() =>
        Check("ID,NAME,BORN\n").Kept.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Rule = Rules.NoRows, Line = 2L });

    [Fact]
    public void Check_WhenBadTypeInSample_ShouldGiveLineAndColumnWithoutTheValue()
    {
        var problem = Check("ID,NAME,BORN\n1,a,1980-01-02\n2,Secret Name,yesterday\n").Kept.Should().ContainSingle().Which;

        problem.Should().BeEquivalentTo(new { Rule = Rules.Type, Line = 3L, Column = 3, ColumnName = "BORN" });
        problem.ToString().Should().NotContain("yesterday").And.NotContain("Secret");
    }

    [Fact]
    public void Check_WhenSampleEndsInsideAQuote_ShouldNotBlameTheFile()
    {
        // Only a prefix of a larger file: the open quote closes after the sample ends.
        Check("ID,NAME,BORN\n1,\"a long\nname", wholeFile: false).Any.Should().BeFalse();
        Check("ID,NAME,BORN\n1,\"a long\nname", wholeFile: true).Kept.Should().ContainSingle().Which.Rule.Should().Be(Rules.Quote);
    }

    [Fact]
    public void Check_WhenLatin1Bytes_ShouldSayEncodingWithTheColumn()
    {
        var bytes = Encoding.UTF8.GetBytes("ID,NAME,BORN\n1,Jos").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes(",1980-01-02\n")).ToArray();

        PrefixCheck.Check(Contract(), bytes, wholeFile: true).Kept.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Rule = Rules.Encoding, Line = 2L, Column = 2, ColumnName = "NAME" });
    }

    [Fact]
    public void Check_WhenManyBadRows_ShouldKeepTheFirstHundredAndCountAll()
    {
        var text = new StringBuilder("ID,NAME,BORN\n");
        for (var i = 0; i < 250; i++) text.Append("x,a,1980-01-02\n");

        var problems = Check(text.ToString());

        problems.Total.Should().Be(250);
        problems.Kept.Should().HaveCount(ProblemLog.Limit);
    }
}
