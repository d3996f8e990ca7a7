using System.Text;
using System.Text.Json;
using HealthDw.Core.Ports;

namespace HealthDw.Warehouse.Snowflake.Auth;

/// <summary>
/// Issues the key-pair JWT the SQL API expects (RS256; <c>iss</c> = <c>ACCOUNT.USER.SHA256:fingerprint</c>,
/// <c>sub</c> = <c>ACCOUNT.USER</c>, <c>iat</c>, <c>exp</c> at most one hour later) and keeps it until shortly
/// before it expires. The token is a credential: it goes into the Authorization header and nowhere else.
/// </summary>
public sealed class SnowflakeJwtIssuer
{
    /// <summary>"The JWT is valid for at most one hour after the token is issued."</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);

    private static readonly byte[] HeaderSegment =
        Encoding.ASCII.GetBytes(Base64Url.Encode("""{"alg":"RS256","typ":"JWT"}"""u8));

    private readonly SnowflakeKeyPair _key;
    private readonly IClock _clock;
    private readonly TimeSpan _lifetime;
    private readonly TimeSpan _renewBefore;
    private readonly Lock _gate = new();
    private string? _token;
    private DateTimeOffset _renewAt;

    public SnowflakeJwtIssuer(
        SnowflakeKeyPair key, string account, string user, IClock clock,
        TimeSpan? lifetime = null, TimeSpan? renewBefore = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentNullException.ThrowIfNull(clock);
        _lifetime = lifetime ?? TimeSpan.FromMinutes(59);
        _renewBefore = renewBefore ?? TimeSpan.FromMinutes(5);
        if (_lifetime <= TimeSpan.Zero || _lifetime > MaxLifetime)
            throw new ArgumentOutOfRangeException(nameof(lifetime), "A Snowflake JWT lives at most one hour.");
        if (_renewBefore < TimeSpan.Zero || _renewBefore >= _lifetime)
            throw new ArgumentOutOfRangeException(nameof(renewBefore), "Renewal must come before the token expires.");

        _key = key;
        _clock = clock;
        QualifiedUser = SnowflakeAccountIdentifier.ForJwt(account) + "." + user.Trim().ToUpperInvariant();
        Issuer = QualifiedUser + "." + key.PublicKeyFingerprint;
    }

    /// <summary><c>ACCOUNT.USER</c>: the <c>sub</c> claim.</summary>
    public string QualifiedUser { get; }

    /// <summary><c>ACCOUNT.USER.SHA256:fingerprint</c>: the <c>iss</c> claim.</summary>
    public string Issuer { get; }

    public string PublicKeyFingerprint => _key.PublicKeyFingerprint;

    /// <summary>The current token, issuing a new one when none is held or the held one is about to expire.</summary>
    public string GetToken()
    {
        lock (_gate)
        {
            var now = _clock.Now;
            if (_token is null || now >= _renewAt)
            {
                var issuedAt = now.ToUnixTimeSeconds();
                var expiresAt = issuedAt + (long)_lifetime.TotalSeconds;
                _token = Create(issuedAt, expiresAt);
                _renewAt = DateTimeOffset.FromUnixTimeSeconds(expiresAt) - _renewBefore;
            }

            return _token;
        }
    }

    /// <summary>Forgets the held token (after Snowflake answered 401), so the next call issues a fresh one.</summary>
    public void Invalidate()
    {
        lock (_gate)
            _token = null;
    }

    private string Create(long issuedAt, long expiresAt)
    {
        using var payload = new MemoryStream();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", Issuer);
            writer.WriteString("sub", QualifiedUser);
            writer.WriteNumber("iat", issuedAt);
            writer.WriteNumber("exp", expiresAt);
            writer.WriteEndObject();
        }

        var signingInput = new StringBuilder()
            .Append(Encoding.ASCII.GetString(HeaderSegment))
            .Append('.')
            .Append(Base64Url.Encode(payload.ToArray()))
            .ToString();
        var signature = _key.SignRs256(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.Encode(signature);
    }
}
