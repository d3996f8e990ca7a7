using System.Security.Cryptography;

namespace HealthDw.Warehouse.Snowflake.Auth;

/// <summary>
/// The RSA key a Snowflake user authenticates with (key-pair authentication): read from a PKCS#8 PEM
/// (<c>BEGIN PRIVATE KEY</c>, or <c>BEGIN ENCRYPTED PRIVATE KEY</c> with its passphrase; PKCS#1
/// <c>BEGIN RSA PRIVATE KEY</c> is accepted too). Its fingerprint is what <c>DESCRIBE USER</c> shows as
/// <c>RSA_PUBLIC_KEY_FP</c>: <c>SHA256:</c> + base64 of the SHA-256 of the DER SubjectPublicKeyInfo.
/// </summary>
public sealed class SnowflakeKeyPair : IDisposable
{
    /// <summary>Snowflake requires at least a 2048-bit RSA key.</summary>
    public const int MinimumKeySizeInBits = 2048;

    private readonly RSA _rsa;

    private SnowflakeKeyPair(RSA rsa)
    {
        _rsa = rsa;
        PublicKeyFingerprint = "SHA256:" + Convert.ToBase64String(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()));
    }

    /// <summary><c>SHA256:&lt;base64&gt;</c>, as Snowflake computes it for the user's public key.</summary>
    public string PublicKeyFingerprint { get; }

    public static SnowflakeKeyPair FromPem(string pem, string? passphrase = null)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var encrypted = pem.Contains("BEGIN ENCRYPTED PRIVATE KEY", StringComparison.Ordinal);
        if (encrypted && string.IsNullOrEmpty(passphrase))
            throw new SnowflakeKeyException(
                "The Snowflake private key is encrypted (BEGIN ENCRYPTED PRIVATE KEY) but no passphrase was given; " +
                "configure the key's passphrase secret.");
        if (!pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            throw new SnowflakeKeyException(
                "The Snowflake private key is not a PEM private key; expected '-----BEGIN PRIVATE KEY-----' (PKCS#8) " +
                "or '-----BEGIN ENCRYPTED PRIVATE KEY-----'.");

        var rsa = RSA.Create();
        try
        {
            if (encrypted)
                rsa.ImportFromEncryptedPem(pem, passphrase);
            else
                rsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            throw new SnowflakeKeyException(
                encrypted
                    ? "The Snowflake private key could not be decrypted: check the passphrase, and that the key is an RSA key in PKCS#8 PEM."
                    : "The Snowflake private key could not be read: expected an RSA key in PKCS#8 PEM.",
                e);
        }

        if (rsa.KeySize < MinimumKeySizeInBits)
        {
            var size = rsa.KeySize;
            rsa.Dispose();
            throw new SnowflakeKeyException(
                $"The Snowflake private key has {size} bits; Snowflake key-pair authentication needs at least {MinimumKeySizeInBits}.");
        }

        return new SnowflakeKeyPair(rsa);
    }

    /// <summary>RS256: RSASSA-PKCS1-v1_5 with SHA-256.</summary>
    internal byte[] SignRs256(ReadOnlySpan<byte> data) =>
        _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public void Dispose() => _rsa.Dispose();
}
