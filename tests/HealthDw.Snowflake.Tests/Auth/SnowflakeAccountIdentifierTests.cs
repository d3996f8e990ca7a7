using HealthDw.Warehouse.Snowflake.Auth;

namespace HealthDw.Snowflake.Tests.Auth;

public sealed class SnowflakeAccountIdentifierTests
{
    [Theory]
    [InlineData("myorg-myaccount", "MYORG-MYACCOUNT")]
    [InlineData("myorg.myaccount", "MYORG-MYACCOUNT")]
    [InlineData("xy12345", "XY12345")]
    [InlineData("xy12345.us-east-2.aws", "XY12345")]
    [InlineData("xy12345.us-east-1", "XY12345")]
    [InlineData("xy12345.east-us-2.azure", "XY12345")]
    [InlineData("xy12345.us-east-1.privatelink", "XY12345")]
    [InlineData("myorg-myaccount.privatelink", "MYORG-MYACCOUNT")]
    [InlineData("xy12345-conn.global", "XY12345")]
    [InlineData("https://myorg-myaccount.snowflakecomputing.com/", "MYORG-MYACCOUNT")]
    [InlineData(" MyOrg-MyAccount ", "MYORG-MYACCOUNT")]
    public void ForJwt_WhenGivenAnAccountIdentifier_ShouldFollowTheDocumentedForm(string account, string expected)
    {
        SnowflakeAccountIdentifier.ForJwt(account).Should().Be(expected);
    }
}
