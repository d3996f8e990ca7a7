using HealthDw.Snowflake.Tests.Support;
using HealthDw.Warehouse.Snowflake;
using HealthDw.Warehouse.Snowflake.Copy;

namespace HealthDw.Snowflake.Tests.Copy;

public sealed class CopyResultMapperTests
{
    [Fact]
    public void FromResult_WhenFilesWereLoaded_ShouldMapEveryDocumentedColumn()
    {
        var result = CopyResult(
            ["s3://drops/raw_files/register_users_20261121T0200.csv", "LOADED", "1200", "1200", "1", "0", null, null, null, null],
            ["s3://drops/raw_files/billing_claims_20261121T0200_part2.csv", "LOADED", "52", "52", "1", "0", null, null, null, null]);

        CopyResultMapper.FromResult(result).Should().Equal(
            new CopyFileResult("s3://drops/raw_files/register_users_20261121T0200.csv", "LOADED", 1200, 1200, 0, null, null, null, null, null),
            new CopyFileResult("s3://drops/raw_files/billing_claims_20261121T0200_part2.csv", "LOADED", 52, 52, 0, null, null, null, null, null));
        CopyResultMapper.FromResult(result).Should().OnlyContain(f => f.IsLoaded);
    }

    [Fact]
    public void FromResult_WhenFirstErrorQuotesACellValue_ShouldKeepOnlyTheRuleText()
    {
        var result = CopyResult(
            ["raw_files/register_users_20261121T0200.csv", "PARTIALLY_LOADED", "3", "2", "3", "1",
                "Date 'Jane Doe' is not recognized", "4", "17", "\"REGISTER_USERS\"[\"BIRTH_DATE\":3]"]);

        var file = CopyResultMapper.FromResult(result).Should().ContainSingle().Which;

        file.Should().Be(new CopyFileResult("raw_files/register_users_20261121T0200.csv", "PARTIALLY_LOADED", 3, 2, 1, null,
            "Date '?' is not recognized", 4, 17, "\"REGISTER_USERS\"[\"BIRTH_DATE\":3]"));
        file.IsLoaded.Should().BeFalse();
    }

    [Fact]
    public void FromResult_WhenColumnNamesAreUpperCase_ShouldStillMatchThem()
    {
        var result = new SnowflakeResult
        {
            StatementHandle = "01b-copy",
            Columns = SnowflakeBodies.CopyColumns.Select(c => new SnowflakeColumn(c.Name.ToUpperInvariant(), c.Type, true, null, null, null)).ToList(),
            Rows = [["a.csv", "LOADED", "1", "1", "1", "0", null, null, null, null]],
        };

        CopyResultMapper.FromResult(result).Should().ContainSingle().Which.RowsLoaded.Should().Be(1);
    }

    [Fact]
    public void FromResult_WhenNothingWasLeftToLoad_ShouldReturnNoFiles()
    {
        var result = new SnowflakeResult
        {
            StatementHandle = "01b-copy",
            Columns = [new SnowflakeColumn("status", "text", true, null, null, null)],
            Rows = [["Copy executed with 0 files processed."]],
        };

        CopyResultMapper.FromResult(result).Should().BeEmpty();
    }

    [Fact]
    public void FromFailure_WhenAbortStatementStoppedAtABadRow_ShouldMapFileLineCharacterAndColumn()
    {
        var failure = new SnowflakeSqlException("100038", "22018", "01b-copy",
            "Numeric value '987-65-4321' is not recognized\n" +
            "  File 'raw_files/billing_claims_20261121T0200.csv', line 3, character 12\n" +
            "  Row 2, column \"BILLING_CLAIMS\"[\"AMOUNT\":3]\n" +
            "  If you would like to continue loading when an error is encountered, use other values such as 'SKIP_FILE' or 'CONTINUE' for the ON_ERROR option. For more information on loading options, please run 'info loading_data' in a SQL client.");

        var file = CopyResultMapper.FromFailure(failure);

        file.Should().Be(new CopyFileResult("raw_files/billing_claims_20261121T0200.csv", "LOAD_FAILED", null, 0, 1, "100038",
            "Numeric value '?' is not recognized", 3, 12, "\"BILLING_CLAIMS\"[\"AMOUNT\":3]"));
        failure.Message.Should().NotContain("987-65-4321");
    }

    [Fact]
    public void FromFailure_WhenColumnCountDiffers_ShouldMapTheRowStartLineMessage()
    {
        var failure = new SnowflakeSqlException("100080", "22000", "01b-copy",
            "Number of columns in file (6) does not match that of the corresponding table (3), use file format option error_on_column_count_mismatch=false to ignore this error\n" +
            "  File 'raw_files/register_users_20261121T0200.csv', line 3, character 1\n" +
            "  Row 1 starts at line 2, column \"REGISTER_USERS\"[6]\n" +
            "  If you would like to continue loading when an error is encountered, use other values such as 'SKIP_FILE' or 'CONTINUE' for the ON_ERROR option.");

        var file = CopyResultMapper.FromFailure(failure)!;

        (file.FirstErrorLine, file.FirstErrorCharacter, file.FirstErrorColumnName).Should().Be((3L, 1L, "\"REGISTER_USERS\"[6]"));
        file.FirstError.Should().StartWith("Number of columns in file (6) does not match");
    }

    [Fact]
    public void FromFailure_WhenCopyRanInsideATransaction_ShouldTakeTheRuleJustAboveThePosition()
    {
        var failure = new SnowflakeSqlException("100132", "P0000", "01b-txn",
            "JavaScript execution error: Uncaught Execution of multiple statements failed on statement \"COPY INTO STAGING.BILLING_CLAIMS ...\" (at line 1, position 7).\n" +
            "Numeric value 'abc' is not recognized\n" +
            "  File 'raw_files/billing_claims_20261121T0200.csv', line 9, character 4\n" +
            "  Row 8, column \"BILLING_CLAIMS\"[\"UNITS\":2]");

        var file = CopyResultMapper.FromFailure(failure)!;

        file.FirstError.Should().Be("Numeric value '?' is not recognized");
        (file.File, file.FirstErrorLine).Should().Be(("raw_files/billing_claims_20261121T0200.csv", 9L));
    }

    [Fact]
    public void FromFailure_WhenTheErrorIsNotALoadError_ShouldReturnNull()
    {
        var failure = new SnowflakeSqlException("002003", "42S02", "01b-copy", "SQL compilation error:\nTable 'STAGING.NOPE' does not exist or not authorized.");

        CopyResultMapper.FromFailure(failure).Should().BeNull();
    }

    private static SnowflakeResult CopyResult(params string?[][] rows) => new()
    {
        StatementHandle = "01b-copy",
        Columns = SnowflakeBodies.CopyColumns.Select(c => new SnowflakeColumn(c.Name, c.Type, true, null, null, null)).ToList(),
        Rows = rows,
    };
}
