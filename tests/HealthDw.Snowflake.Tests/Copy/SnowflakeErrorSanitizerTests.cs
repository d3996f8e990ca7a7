using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Snowflake.Tests.Copy;

public sealed class SnowflakeErrorSanitizerTests
{
    [Theory]
    [InlineData("Numeric value '123-45-6789' is not recognized", "Numeric value '?' is not recognized")]
    [InlineData("Date 'Jane Doe' is not recognized", "Date '?' is not recognized")]
    [InlineData("Timestamp '1999-02-31 10:00' is not recognized", "Timestamp '?' is not recognized")]
    [InlineData("String 'O''Brien, Patrick' is too long and would be truncated", "String '?' is too long and would be truncated")]
    [InlineData("Can't parse 'O'Brien' as date with format 'AUTO'", "Can't parse '?' as date with format '?'")]
    [InlineData("NULL result in a non-nullable column", "NULL result in a non-nullable column")]
    [InlineData("invalid identifier 'SSN'", "invalid identifier '?'")]
    [InlineData("String 'unterminated value with no closing quote", "String '?")]
    [InlineData("failed on statement \"insert into t values ('x')\" (at line 1, position 75).", "failed on statement \"?\" (at line 1, position 75).")]
    public void Sanitize_WhenMessageQuotesAValue_ShouldKeepTheTemplateAndDropTheValue(string message, string expected)
    {
        SnowflakeErrorSanitizer.Sanitize(message).Should().Be(expected);
    }

    [Fact]
    public void Sanitize_WhenCopyFailed_ShouldKeepFileLineCharacterColumnAndHint()
    {
        var message = "Numeric value 'NOT_A_NUMBER' is not recognized\n" +
                      "  File 'raw_files/billing_claims_20261121T0200.csv', line 3, character 12\n" +
                      "  Row 2, column \"BILLING_CLAIMS\"[\"AMOUNT\":3]\n" +
                      "  If you would like to continue loading when an error is encountered, use other values such as 'SKIP_FILE' or 'CONTINUE' for the ON_ERROR option.";

        SnowflakeErrorSanitizer.Sanitize(message).Should().Be(
            "Numeric value '?' is not recognized\n" +
            "  File 'raw_files/billing_claims_20261121T0200.csv', line 3, character 12\n" +
            "  Row 2, column \"BILLING_CLAIMS\"[\"AMOUNT\":3]\n" +
            "  If you would like to continue loading when an error is encountered, use other values such as 'SKIP_FILE' or 'CONTINUE' for the ON_ERROR option.");
    }

    [Fact]
    public void Sanitize_WhenJsonPayloadFollowsAColon_ShouldCutItAndItsContinuationLines()
    {
        var message = "Error parsing JSON: {\"name\": \"Jane\n" +
                      "Roe\", \"mrn\": 12311}\n" +
                      "  File 'raw_files/chart_notes.json', line 1, character 0\n" +
                      "  Row 1, column \"CHART_NOTES\"[\"VAR\":1]";

        SnowflakeErrorSanitizer.Sanitize(message).Should().Be(
            "Error parsing JSON: ?\n" +
            "  File 'raw_files/chart_notes.json', line 1, character 0\n" +
            "  Row 1, column \"CHART_NOTES\"[\"VAR\":1]");
    }

    [Fact]
    public void RuleText_WhenCodeIsKnown_ShouldPrefixItToTheFirstLineOnly()
    {
        SnowflakeErrorSanitizer.RuleText("100038", "Numeric value '42a' is not recognized\n  File 'a.csv', line 2, character 1")
            .Should().Be("100038: Numeric value '?' is not recognized");
    }

    [Fact]
    public void Sanitize_WhenALineIsVeryLong_ShouldCapIt()
    {
        var sanitized = SnowflakeErrorSanitizer.Sanitize("Error " + new string('x', 1000));

        sanitized.Length.Should().Be(SnowflakeErrorSanitizer.MaxLineLength);
        sanitized.Should().EndWith("…");
    }

    [Fact]
    public void Sanitize_WhenMessageIsEmpty_ShouldSaySo()
    {
        SnowflakeErrorSanitizer.Sanitize(null).Should().Be("(no message)");
    }
}
