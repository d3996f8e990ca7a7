namespace HealthDw.Snowflake.Tests.Support;

/// <summary>The throw-away keys in Fixtures/ (see Fixtures/README.md).</summary>
internal static class TestKeys
{
    public const string Passphrase = "test-only-passphrase";

    public static string Pem => Read("test_rsa_key.p8");

    public static string EncryptedPem => Read("test_rsa_key_encrypted.p8");

    public static string TooSmallPem => Read("test_rsa_key_1024.p8");

    /// <summary>Computed by openssl, as Snowflake's key-pair guide does.</summary>
    public static string OpenSslFingerprint => Read("test_rsa_key.fingerprint").Trim();

    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}
