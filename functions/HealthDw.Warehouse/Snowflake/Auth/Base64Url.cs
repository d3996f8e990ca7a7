namespace HealthDw.Warehouse.Snowflake.Auth;

/// <summary>The unpadded base64url alphabet of RFC 7515 that JWT segments use.</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
