using System.Security.Cryptography;
using System.Text.Json;
using HealthDw.Snowflake.Tests.Support;
using HealthDw.Warehouse.Snowflake.Auth;

namespace HealthDw.Snowflake.Tests.Auth;

public sealed class SnowflakeJwtIssuerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);
    private readonly SnowflakeKeyPair _key = SnowflakeKeyPair.FromPem(TestKeys.Pem);
    private readonly VirtualClock _clock = new(Start);

    public void Dispose() => _key.Dispose();

    [Fact]
    public void GetToken_ShouldBeAnRs256JwtWithTheDocumentedClaims()
    {
        var issuer = new SnowflakeJwtIssuer(_key, "myorg.myaccount", "etl_user", _clock);

        var parts = issuer.GetToken().Split('.');

        using var header = JsonDocument.Parse(JwtVerifier.FromBase64Url(parts[0]));
        header.RootElement.GetProperty("alg").GetString().Should().Be("RS256");
        header.RootElement.GetProperty("typ").GetString().Should().Be("JWT");
        using var payload = JsonDocument.Parse(JwtVerifier.FromBase64Url(parts[1]));
        var claims = payload.RootElement;
        claims.GetProperty("iss").GetString().Should().Be("MYORG-MYACCOUNT.ETL_USER." + TestKeys.OpenSslFingerprint);
        claims.GetProperty("sub").GetString().Should().Be("MYORG-MYACCOUNT.ETL_USER");
        claims.GetProperty("iat").GetInt64().Should().Be(Start.ToUnixTimeSeconds());
        claims.GetProperty("exp").GetInt64().Should().Be(Start.AddMinutes(59).ToUnixTimeSeconds());
    }

    [Fact]
    public void GetToken_ShouldVerifyWithTheUsersPublicKey()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(TestKeys.Pem);
        var issuer = new SnowflakeJwtIssuer(_key, "myorg-myaccount", "etl_user", _clock);
        var verifier = new JwtVerifier(rsa, issuer.Issuer, issuer.QualifiedUser);
        var headers = new Dictionary<string, string>
        {
            ["Authorization"] = "Bearer " + issuer.GetToken(),
            ["X-Snowflake-Authorization-Token-Type"] = "KEYPAIR_JWT",
            ["Accept"] = "application/json",
            ["User-Agent"] = "HealthDw/1.0",
        };

        verifier.Problem(headers, _clock.Now).Should().BeNull();
    }

    [Fact]
    public void GetToken_WhenCalledBeforeRenewal_ShouldReturnTheCachedToken()
    {
        var issuer = new SnowflakeJwtIssuer(_key, "myorg-myaccount", "etl_user", _clock);
        var first = issuer.GetToken();

        _clock.Advance(TimeSpan.FromMinutes(53));

        issuer.GetToken().Should().BeSameAs(first);
    }

    [Fact]
    public void GetToken_WhenRenewalTimeIsReached_ShouldIssueAFreshToken()
    {
        var issuer = new SnowflakeJwtIssuer(_key, "myorg-myaccount", "etl_user", _clock);
        var first = issuer.GetToken();

        _clock.Advance(TimeSpan.FromMinutes(54));
        var second = issuer.GetToken();

        second.Should().NotBe(first);
        using var payload = JsonDocument.Parse(JwtVerifier.FromBase64Url(second.Split('.')[1]));
        payload.RootElement.GetProperty("iat").GetInt64().Should().Be(Start.AddMinutes(54).ToUnixTimeSeconds());
    }

    [Fact]
    public void Invalidate_WhenTokenWasRejected_ShouldMakeTheNextCallIssueANewOne()
    {
        var issuer = new SnowflakeJwtIssuer(_key, "myorg-myaccount", "etl_user", _clock);
        var first = issuer.GetToken();
        _clock.Advance(TimeSpan.FromSeconds(1));

        issuer.Invalidate();

        issuer.GetToken().Should().NotBe(first);
    }

    [Fact]
    public void Constructor_WhenLifetimeExceedsOneHour_ShouldRefuseIt()
    {
        var act = () => new SnowflakeJwtIssuer(_key, "myorg-myaccount", "etl_user", _clock, TimeSpan.FromMinutes(61));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*at most one hour*");
    }
}
