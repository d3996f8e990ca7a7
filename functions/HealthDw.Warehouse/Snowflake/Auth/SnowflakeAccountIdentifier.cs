namespace HealthDw.Warehouse.Snowflake.Auth;

/// <summary>
/// The account identifier as the key-pair JWT needs it. Snowflake's SQL API authentication guide: "If you are
/// using the account locator, exclude any region information from the account locator", "the account_identifier
/// and user values must use all uppercase characters", and "If your account ID contains periods (.), you must
/// replace them with hyphens (-), as periods in an account identifier cause the JWT to be invalid".
/// </summary>
public static class SnowflakeAccountIdentifier
{
    private const string HostSuffix = ".snowflakecomputing.";

    /// <summary>
    /// <list type="bullet">
    /// <item><c>myorg-myaccount</c> → <c>MYORG-MYACCOUNT</c> (preferred form);</item>
    /// <item><c>myorg.myaccount</c> → <c>MYORG-MYACCOUNT</c> (period replaced by a hyphen);</item>
    /// <item><c>xy12345.us-east-2.aws</c>, <c>xy12345.us-east-1.privatelink</c> → <c>XY12345</c> (locator without region or cloud);</item>
    /// <item><c>myorg-myaccount.privatelink</c> → <c>MYORG-MYACCOUNT</c> (subdomain dropped);</item>
    /// <item><c>xy12345-conn.global</c> → <c>XY12345</c> (the replication case of Snowflake's own JWT sample);</item>
    /// <item>a pasted host or URL (<c>https://myorg-myaccount.snowflakecomputing.com</c>) is reduced to its account part first.</item>
    /// </list>
    /// </summary>
    public static string ForJwt(string account)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        var value = account.Trim();
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
            value = value[(scheme + 3)..];
        var host = value.IndexOf(HostSuffix, StringComparison.OrdinalIgnoreCase);
        if (host >= 0)
            value = value[..host];
        value = value.TrimEnd('/');

        var segments = value.Split('.');
        string result;
        if (segments.Length == 1)
            result = value;
        else if (segments[^1].Equals("global", StringComparison.OrdinalIgnoreCase))
        {
            // Snowflake's JWT sample: for a global (replication) identifier keep what precedes the first hyphen.
            var dash = segments[0].IndexOf('-', StringComparison.Ordinal);
            result = dash > 0 ? segments[0][..dash] : segments[0];
        }
        else if (segments[0].Contains('-', StringComparison.Ordinal) || IsRegionOrSubdomain(segments[1]))
            result = segments[0];
        else
            result = string.Join('-', segments);

        return result.ToUpperInvariant();
    }

    /// <summary>Cloud regions (us-east-2, east-us-2, europe-west4, us-gov-west-1) all carry a hyphen; account names never do.</summary>
    private static bool IsRegionOrSubdomain(string segment) =>
        segment.Contains('-', StringComparison.Ordinal)
        || segment.Equals("privatelink", StringComparison.OrdinalIgnoreCase)
        || segment.Equals("aws", StringComparison.OrdinalIgnoreCase)
        || segment.Equals("azure", StringComparison.OrdinalIgnoreCase)
        || segment.Equals("gcp", StringComparison.OrdinalIgnoreCase);
}
