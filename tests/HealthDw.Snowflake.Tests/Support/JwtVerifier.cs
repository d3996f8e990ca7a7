using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HealthDw.Snowflake.Tests.Support;

/// <summary>Checks a request's key-pair JWT the way Snowflake documents it; returns the problem or null.</summary>
internal sealed class JwtVerifier(RSA publicKey, string issuer, string subject)
{
    public string? Problem(IReadOnlyDictionary<string, string> headers, DateTimeOffset now)
    {
        if (!headers.TryGetValue("X-Snowflake-Authorization-Token-Type", out var type) || type != "KEYPAIR_JWT")
            return "X-Snowflake-Authorization-Token-Type is not KEYPAIR_JWT";
        if (!headers.TryGetValue("Accept", out var accept) || !accept.Contains("application/json", StringComparison.Ordinal))
            return "Accept does not include application/json";
        if (!headers.TryGetValue("User-Agent", out var agent) || string.IsNullOrWhiteSpace(agent))
            return "no User-Agent";
        if (!headers.TryGetValue("Authorization", out var authorization) || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            return "no bearer token";

        var parts = authorization["Bearer ".Length..].Split('.');
        if (parts.Length != 3)
            return "the token is not a compact JWS";
        using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
        if (header.RootElement.GetProperty("alg").GetString() != "RS256")
            return "alg is not RS256";
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!publicKey.VerifyData(signed, FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            return "the signature does not verify with the user's public key";

        using var payload = JsonDocument.Parse(FromBase64Url(parts[1]));
        var claims = payload.RootElement;
        if (claims.GetProperty("iss").GetString() != issuer)
            return $"iss is {claims.GetProperty("iss").GetString()}";
        if (claims.GetProperty("sub").GetString() != subject)
            return $"sub is {claims.GetProperty("sub").GetString()}";
        var issuedAt = claims.GetProperty("iat").GetInt64();
        var expiresAt = claims.GetProperty("exp").GetInt64();
        if (issuedAt > now.ToUnixTimeSeconds() + 60)
            return "iat is in the future";
        if (expiresAt <= now.ToUnixTimeSeconds())
            return "the token has expired";
        if (expiresAt - issuedAt > 3600)
            return "the token lives longer than one hour";
        return null;
    }

    public static byte[] FromBase64Url(string segment)
    {
        var base64 = segment.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
    }
}
