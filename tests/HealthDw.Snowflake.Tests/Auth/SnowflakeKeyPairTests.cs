using HealthDw.Snowflake.Tests.Support;
using HealthDw.Warehouse.Snowflake.Auth;

namespace HealthDw.Snowflake.Tests.Auth;

public sealed class SnowflakeKeyPairTests
{
    [Fact]
    public void FromPem_WhenPkcs8Key_ShouldComputeTheFingerprintOpenSslComputes()
    {
        using var key = SnowflakeKeyPair.FromPem(TestKeys.Pem);

        key.PublicKeyFingerprint.Should().Be(TestKeys.OpenSslFingerprint);
    }

    [Fact]
    public void FromPem_WhenEncryptedKeyAndPassphrase_ShouldMatchThePlainKey()
    {
        using var key = SnowflakeKeyPair.FromPem(TestKeys.EncryptedPem, TestKeys.Passphrase);

        key.PublicKeyFingerprint.Should().Be(TestKeys.OpenSslFingerprint);
    }

    [Fact]
    public void FromPem_WhenEncryptedKeyWithoutPassphrase_ShouldAskForThePassphrase()
    {
        var act = () => SnowflakeKeyPair.FromPem(TestKeys.EncryptedPem);

        act.Should().Throw<SnowflakeKeyException>().WithMessage("*encrypted*passphrase*");
    }

    [Fact]
    public void FromPem_WhenPassphraseIsWrong_ShouldFailWithoutEchoingSecrets()
    {
        const string wrong = "not-the-passphrase";

        var act = () => SnowflakeKeyPair.FromPem(TestKeys.EncryptedPem, wrong);

        var error = act.Should().Throw<SnowflakeKeyException>().Which;
        error.Message.Should().Contain("could not be decrypted").And.NotContain(wrong);
        error.Message.Should().NotContain("MII");
    }

    [Fact]
    public void FromPem_WhenKeyIsShorterThan2048Bits_ShouldRefuseIt()
    {
        var act = () => SnowflakeKeyPair.FromPem(TestKeys.TooSmallPem);

        act.Should().Throw<SnowflakeKeyException>().WithMessage("*1024 bits*at least 2048*");
    }

    [Fact]
    public void FromPem_WhenTextIsNotAPrivateKey_ShouldSayWhatIsExpected()
    {
        var act = () => SnowflakeKeyPair.FromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----");

        act.Should().Throw<SnowflakeKeyException>().WithMessage("*BEGIN PRIVATE KEY*");
    }
}
