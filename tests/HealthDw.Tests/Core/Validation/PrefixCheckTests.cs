using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Loading;
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
            .Which.Should().BeEquivalentTo(new { Rule = Rules.ExtraColumn, Line = 1L, Column = 4, ColumnName = (string?)null });

    // Issue 12, item 0: a header cell that is not a column name of the contract may be data (a file sent without its header
    // row): it is never quoted back, only its position.
    [Fact]
    public void Check_WhenTheHeaderRowIsMissing_ShouldReportOneMissingHeaderWithoutCellText()
    {
        var problems = Check("1,Secret Name,1980-01-02\n2,Other Name,1981-02-03\n");

        var problem = problems.Kept.Should().ContainSingle().Which;
        problem.Should().BeEquivalentTo(new { Rule = Rules.MissingHeader, Line = 1L, Column = (int?)null, ColumnName = (string?)null });
        problem.Message.Should().Contain("looks like data");
        problem.Hint.Should().Contain("ID,NAME,BORN");
        problem.ToString().Should().NotContain("Secret");
    }

    [Fact]
    public void Check_WhenTheFirstLineIsBlank_ShouldSayTheHeaderIsMissing() =>
        Check("\nID,NAME,BORN\n1,a,1980-01-02\n").Kept.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Rule = Rules.MissingHeader, Line = 1L });

    [Fact]
    public void Check_WhenHeaderCellsAreDataBesideKnownNames_ShouldGiveTheirPositionsNeverTheirText()
    {
        var problems = Check("ID,Jane Roe,BORN,Jane Roe\n1,a,1980-01-02,b\n").Kept;

        problems.Select(p => (p.Rule, p.Column, p.ColumnName)).Should().BeEquivalentTo(new (string, int?, string?)[]
        {
            (Rules.DuplicateColumn, 4, null), (Rules.MissingColumn, null, "NAME"), (Rules.ExtraColumn, 2, null), (Rules.ExtraColumn, 4, null),
        });
        problems.Should().OnlyContain(p => !p.ToString().Contains("Jane", StringComparison.Ordinal) && !(p.Hint ?? "").Contains("Jane", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_WhenAKnownColumnIsDuplicated_ShouldNameIt() =>
        Check("ID,NAME,BORN,name\n1,a,1980-01-02,b\n").Kept.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Rule = Rules.DuplicateColumn, Column = 4, ColumnName = "NAME" });

    // Issue 12, item 7: many exporters end a file with an extra line break or two.
    [Theory]
    [InlineData("ID,NAME,BORN\n1,a,1980-01-02\n\n")]
    [InlineData("ID,NAME,BORN\r\n1,a,1980-01-02\r\n\r\n\r\n")]
    public void Check_WhenTheFileEndsWithBlankLines_ShouldAcceptIt(string text) =>
        Check(text).Kept.Should().BeEmpty();

    [Fact]
    public void Check_WhenABlankLineIsBetweenRows_ShouldRefuseItsLine() =>
        Check("ID,NAME,BORN\n1,a,1980-01-02\n\n\n2,b,1980-01-02\n\n").Kept.Select(p => (p.Rule, p.Line))
            .Should().Equal((Rules.FieldCount, 3L), (Rules.FieldCount, 4L));

    [Fact]
    public void Check_WhenOnlyBlankLinesFollowTheHeader_ShouldSayNoRows() =>
        Check("ID,NAME,BORN\n\n").Kept.Should().ContainSingle().Which.Rule.Should().Be(Rules.NoRows);

    // Issue 12, item 2: NUL is valid UTF-8, but no PostgreSQL text can hold it.
    [Fact]
    public void Check_WhenATextCellHoldsANulByte_ShouldRefuseItsLineAndColumn() =>
        Check("ID,NAME,BORN\n1,a,1980-01-02\n2,Jo\0e,1980-01-02\n").Kept.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Rule = Rules.Encoding, Line = 3L, Column = 2, ColumnName = "NAME" });

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
